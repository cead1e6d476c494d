package dev.holdfast.platform.shared.jobs;

/**
 * A kind of job that runs once per scheduled instance, with a payload, at a given time (see {@link Jobs#schedule}).
 * A module declares it as a bean. Instances are stored in the database, so they survive restarts; a failed run is
 * retried with exponential backoff up to the configured attempts, then dropped (its history stays).
 *
 * @param name unique name, lower case, dotted by module, e.g. {@code crm.send-invitation}
 * @param payloadType the payload's type; stored as JSON, so a record of plain values is best
 * @param handler the work; may run on any node, on a virtual thread, and more than once after a crash mid-run
 * @param <T> the payload type
 */
public record OneOffJob<T>(String name, Class<T> payloadType, Handler<T> handler) {

    public OneOffJob {
        JobNames.check(name);
    }

    /** What a one-off job does with its payload. Throwing marks the run failed. */
    @FunctionalInterface
    public interface Handler<T> {
        void run(T payload) throws Exception;
    }
}
