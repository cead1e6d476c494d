package dev.holdfast.platform.monitor.check;

/**
 * One monitor type. Implementations are Spring beans collected into {@link Checks} by {@link #type()}.
 * {@link #check} runs on a virtual thread of its own; it must give up by the request's timeout where it can (the
 * scheduler also abandons it then) and must report failures as short human causes, never stack traces.
 */
public interface Check {

    /** The type's key, lower case, e.g. {@code http}. */
    String type();

    /** Checks the type-specific settings, adding one message per bad field (keys like {@code config.url}). */
    void validate(CheckConfig config, FieldErrors errors);

    /** What this monitor watches, for lists and messages: a URL, {@code host:port}, a DNS name... */
    String target(CheckConfig config);

    /** Probes the target once. Throwing is allowed: the scheduler turns the exception into a cause. */
    CheckResult check(CheckRequest request) throws Exception;

    /** The host the check talks to, for the per-host concurrency limit; null when it talks to none. */
    default @org.jspecify.annotations.Nullable String host(CheckConfig config) {
        return null;
    }
}
