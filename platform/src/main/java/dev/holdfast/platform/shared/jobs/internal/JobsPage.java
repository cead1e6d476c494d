package dev.holdfast.platform.shared.jobs.internal;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the jobs page shows; instants are already formatted in the daemon's time zone.
 *
 * @param instances scheduled instances: running first, then failing, then by next run
 * @param gaveUp the latest runs after which a job was given up
 * @param notice what the last action did, e.g. that a job will run now
 * @param problem why the last action did not work
 */
public record JobsPage(String zone, List<Row> instances, List<GaveUp> gaveUp, @Nullable String notice, @Nullable String problem) {

    /** One scheduled instance of a job. */
    public record Row(String job, String instance, Status status, String nextRun, String lastSuccess, String lastFailure,
            int consecutiveFailures, String pickedBy, String lastError, boolean canRunNow) {}

    /** A run after which the daemon gave up retrying. */
    public record GaveUp(String job, String instance, String finishedAt, int attempts, String node, String error) {}

    public enum Status {
        RUNNING("running", "status-running"),
        FAILING("failing", "status-failed"),
        SCHEDULED("scheduled", "");

        private final String label;
        private final String cssClass;

        Status(String label, String cssClass) {
            this.label = label;
            this.cssClass = cssClass;
        }

        public String label() {
            return label;
        }

        public String cssClass() {
            return cssClass;
        }
    }
}
