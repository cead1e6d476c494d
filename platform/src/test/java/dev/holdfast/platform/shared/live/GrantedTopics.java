package dev.holdfast.platform.shared.live;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.core.Authentication;

/**
 * Test-only authorizer for the {@code test} topic family: a user may receive exactly the topics granted to them.
 * Not a component (so it is not scanned into every node); a test adds it with {@link #ON_NODE}.
 */
public class GrantedTopics implements TopicAuthorizer {

    /** Node properties that add this authorizer to a node. */
    public static final Map<String, String> ON_NODE = Map.of("spring.main.sources", GrantedTopics.class.getName());

    private final Set<String> grants = ConcurrentHashMap.newKeySet();

    public GrantedTopics grant(String username, String topic) {
        grants.add(username + " " + topic);
        return this;
    }

    public void revoke(String username, String topic) {
        grants.remove(username + " " + topic);
    }

    @Override
    public String family() {
        return "test";
    }

    @Override
    public boolean mayReceive(Authentication who, Topic topic) {
        return grants.contains(who.getName() + " " + topic.name());
    }
}
