/** Watching services: checks, incidents, notifications and public status pages. */
@ApplicationModule(allowedDependencies = {"shared :: web"}, displayName = "Monitor")
@NullMarked
package dev.holdfast.platform.monitor;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
