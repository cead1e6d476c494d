/** Backups of the whole platform into restic repositories: plans, schedules, history and restore drills. */
@ApplicationModule(allowedDependencies = {"shared :: web"}, displayName = "Backups")
@NullMarked
package dev.holdfast.platform.backups;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
