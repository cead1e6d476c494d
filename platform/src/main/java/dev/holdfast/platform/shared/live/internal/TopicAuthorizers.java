package dev.holdfast.platform.shared.live.internal;

import dev.holdfast.platform.shared.live.Topic;
import dev.holdfast.platform.shared.live.TopicAuthorizer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/** Every module's {@link TopicAuthorizer}, by family. Two for one family stop start-up. Thread-safe. */
@Component
class TopicAuthorizers {

    private static final Logger log = LoggerFactory.getLogger(TopicAuthorizers.class);

    private final Map<String, TopicAuthorizer> byFamily = new HashMap<>();

    TopicAuthorizers(List<TopicAuthorizer> authorizers) {
        for (TopicAuthorizer authorizer : authorizers) {
            Topic.of(authorizer.family());
            TopicAuthorizer previous = byFamily.putIfAbsent(authorizer.family(), authorizer);
            if (previous != null) {
                throw new IllegalStateException("two topic authorizers for the live topic family '" + authorizer.family() + "': "
                        + previous.getClass().getName() + " and " + authorizer.getClass().getName());
            }
        }
    }

    /** Whether some module decides who may receive this family's topics. */
    boolean knows(String family) {
        return byFamily.containsKey(family);
    }

    /** What the family's authorizer says; no for an unknown family, or when the authorizer fails. */
    boolean mayReceive(Authentication who, Topic topic) {
        TopicAuthorizer authorizer = byFamily.get(topic.family());
        if (authorizer == null) {
            return false;
        }
        try {
            return authorizer.mayReceive(who, topic);
        } catch (RuntimeException e) {
            log.warn("Topic authorizer for '{}' failed on {} for {}; treated as no: {}", topic.family(), topic, who.getName(), e.toString());
            return false;
        }
    }

    /**
     * The check for one event, tested once per subscriber: the family's {@link TopicAuthorizer#receivers}; no for
     * everyone when the family is unknown or its authorizer fails (for one subscriber: no for that one).
     */
    Predicate<Authentication> receivers(Topic topic) {
        TopicAuthorizer authorizer = byFamily.get(topic.family());
        if (authorizer == null) {
            return who -> false;
        }
        Predicate<Authentication> check;
        try {
            check = authorizer.receivers(topic);
        } catch (RuntimeException e) {
            log.warn("Topic authorizer for '{}' failed on {}; nobody receives this event: {}", topic.family(), topic, e.toString());
            return who -> false;
        }
        return who -> {
            try {
                return check.test(who);
            } catch (RuntimeException e) {
                log.warn("Topic authorizer for '{}' failed on {} for {}; treated as no: {}", topic.family(), topic, who.getName(), e.toString());
                return false;
            }
        };
    }
}
