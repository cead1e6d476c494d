/**
 * Public status pages ({@code /status/<slug>} or a custom domain), incidents posted on them, SVG badges, Prometheus
 * gauges per monitor, and the whole monitoring setup as YAML (export and import).
 */
@NullMarked
package dev.holdfast.platform.monitor.status;

import org.jspecify.annotations.NullMarked;
