/**
 * Notifications of monitor state changes: the {@link dev.holdfast.platform.monitor.notify.NotificationChannel}
 * providers (email, chat, push, incident management), the channels administrators configure, per-monitor
 * subscriptions, deliveries through the job daemon, and the channels' admin API and page.
 */
@NullMarked
package dev.holdfast.platform.monitor.notify;

import org.jspecify.annotations.NullMarked;
