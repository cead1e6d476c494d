/** Watching services: checks, incidents, notifications and public status pages. */
@ApplicationModule(allowedDependencies = {"identity", "backups", "shared :: database", "shared :: jobs", "shared :: live", "shared :: objects", "shared :: mail", "shared :: settings", "shared :: web", "shared :: crypto"}, displayName = "Monitor")
@NullMarked
package dev.holdfast.platform.monitor;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
