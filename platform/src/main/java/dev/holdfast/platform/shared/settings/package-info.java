/** Settings shared by the whole platform, and how a bad setting stops start-up with one clear line. */
@NamedInterface("settings")
@NullMarked
package dev.holdfast.platform.shared.settings;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
