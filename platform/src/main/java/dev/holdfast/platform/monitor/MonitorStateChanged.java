package dev.holdfast.platform.monitor;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A monitor went DOWN (after its retries) or came back UP, or a still-down monitor's resend interval elapsed
 * ({@code reminder}). Notification channels listen to this.
 *
 * @param monitorId the monitor's id
 * @param monitorName its name as the user gave it
 * @param target what it watches, for messages (a URL, {@code host:port}, a DNS name...)
 * @param state the new state
 * @param previous the state before
 * @param cause why it is down (a status code, a timeout, a DNS or TLS failure), or what it said when it came up
 * @param at when the change was seen
 * @param downFor on recovery, how long it was down; otherwise null
 * @param reminder true when this repeats an earlier DOWN because the resend interval elapsed
 */
public record MonitorStateChanged(
        String monitorId,
        String monitorName,
        String target,
        MonitorState state,
        MonitorState previous,
        String cause,
        Instant at,
        @Nullable Duration downFor,
        boolean reminder) {}
