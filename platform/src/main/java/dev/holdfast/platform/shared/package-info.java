/** The kernel every module may use: database and schema migrations, jobs, the live-update channel, the web shell and settings. */
@NullMarked
package dev.holdfast.platform.shared;

import org.jspecify.annotations.NullMarked;
