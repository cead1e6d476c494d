package dev.holdfast.platform.identity.internal;

import dev.holdfast.platform.identity.UserAccount;
import dev.holdfast.platform.shared.live.Topic;
import dev.holdfast.platform.shared.live.TopicAuthorizer;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/** Live topics {@code notifications/<userId>}: only that user, while enabled, receives them. */
@Component
class NotificationTopics implements TopicAuthorizer {

    private final JooqUsers users;

    NotificationTopics(JooqUsers users) {
        this.users = users;
    }

    @Override
    public String family() {
        return "notifications";
    }

    @Override
    public boolean mayReceive(Authentication who, Topic topic) {
        return topic.path().size() == 1 && users.findByUsername(who.getName())
                .filter(UserAccount::enabled)
                .map(user -> user.id().toString().equals(topic.segment(0)))
                .orElse(false);
    }
}
