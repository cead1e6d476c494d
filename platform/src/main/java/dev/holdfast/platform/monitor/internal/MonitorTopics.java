package dev.holdfast.platform.monitor.internal;

import dev.holdfast.platform.shared.live.Topic;
import dev.holdfast.platform.shared.live.TopicAuthorizer;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/** Who may follow a monitor's live updates ({@code monitor/<id>}): every signed-in user, as everyone may see monitors. */
@Component
class MonitorTopics implements TopicAuthorizer {

    @Override
    public String family() {
        return "monitor";
    }

    @Override
    public boolean mayReceive(Authentication who, Topic topic) {
        return who.isAuthenticated() && topic.path().size() == 1;
    }
}
