/** How the job daemon runs jobs on db-scheduler, keeps their history and shows them to administrators; not API. */
@NullMarked
package dev.holdfast.platform.shared.jobs.internal;

import org.jspecify.annotations.NullMarked;
