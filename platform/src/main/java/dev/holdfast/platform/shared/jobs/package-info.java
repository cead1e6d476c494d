/** The job daemon: modules declare recurring and one-off jobs as beans; {@link dev.holdfast.platform.shared.jobs.Jobs} schedules and runs them. */
@NamedInterface("jobs")
@NullMarked
package dev.holdfast.platform.shared.jobs;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
