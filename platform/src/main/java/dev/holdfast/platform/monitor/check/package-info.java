/** Monitor types: each {@link dev.holdfast.platform.monitor.check.Check} probes one kind of target and says why it failed. */
@NamedInterface("check")
@NullMarked
package dev.holdfast.platform.monitor.check;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
