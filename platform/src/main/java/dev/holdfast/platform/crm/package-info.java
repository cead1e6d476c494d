/** Customer relationships: accounts, contacts, leads, opportunities and cases on a metadata-driven record store. */
@ApplicationModule(allowedDependencies = {"identity", "shared :: database", "shared :: jobs", "shared :: live", "shared :: objects", "shared :: settings", "shared :: web"}, displayName = "CRM")
@NullMarked
package dev.holdfast.platform.crm;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
