package dev.holdfast.platform.shared.live;

import org.springframework.security.core.Authentication;

/**
 * Decides who may receive the events of one topic family. The module that owns the family declares one as a bean;
 * a family without an authorizer is refused to every subscriber, and two for one family stop start-up.
 */
public interface TopicAuthorizer {

    /** The family this authorizer decides for, e.g. {@code record}. */
    String family();

    /**
     * Whether {@code who} may receive events on {@code topic} (always of this {@link #family()}). Asked when a
     * subscription is made and again before every delivery, on the single delivery thread: answer quickly, without
     * side effects. Throwing counts as no.
     */
    boolean mayReceive(Authentication who, Topic topic);
}
