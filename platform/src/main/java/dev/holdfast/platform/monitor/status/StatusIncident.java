package dev.holdfast.platform.monitor.status;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** An incident an administrator posted on a status page, with its updates (newest first). */
record StatusIncident(String id, String pageId, String title, State state, Instant createdAt, Instant updatedAt, List<Update> updates) {

    record Update(String id, State state, String body, Instant at) {}

    enum State {
        INVESTIGATING, IDENTIFIED, MONITORING, RESOLVED;

        String label() {
            return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
        }
    }
}
