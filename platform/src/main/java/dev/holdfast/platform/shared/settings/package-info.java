/** Settings shared by the whole platform, and how a bad setting stops start-up with one clear line. */
@NullMarked
package dev.holdfast.platform.shared.settings;

import org.jspecify.annotations.NullMarked;
