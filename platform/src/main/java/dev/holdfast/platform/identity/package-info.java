/** Who people are and what they may do: users, the first administrator's setup, login, and (later) groups, roles, MFA and single sign-on. */
@ApplicationModule(allowedDependencies = {"shared :: database", "shared :: jobs", "shared :: live", "shared :: mail", "shared :: settings", "shared :: web"}, displayName = "Identity")
@NullMarked
package dev.holdfast.platform.identity;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
