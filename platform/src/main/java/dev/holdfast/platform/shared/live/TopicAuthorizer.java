package dev.holdfast.platform.shared.live;

import java.util.function.Predicate;
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
     * subscription is made, and before every delivery unless {@link #receivers} is overridden, on the single
     * delivery thread: answer quickly, without side effects. Throwing counts as no.
     */
    boolean mayReceive(Authentication who, Topic topic);

    /**
     * The check for one event on {@code topic}: asked once per event, then tested for each subscriber of the topic
     * (hundreds, for a list many people have open). Override it when part of the answer depends on the topic alone
     * (e.g. who owns the record it names), so that part is looked up once per event instead of once per subscriber;
     * the answer for each subscriber must be what {@link #mayReceive} would say at that moment. The predicate is used
     * only for this one event, on the delivery thread; throwing (here or in the predicate) counts as no.
     */
    default Predicate<Authentication> receivers(Topic topic) {
        return who -> mayReceive(who, topic);
    }
}
