/** The monitor module's machinery: store, scheduler, state machine, result writer, rollups and node leases. */
@NullMarked
package dev.holdfast.platform.monitor.internal;

import org.jspecify.annotations.NullMarked;
