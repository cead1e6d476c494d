/**
 * The OpenID Connect provider (Spring Security's authorization server): registered client applications, hashed
 * authorizations, rotating signing keys, claims, consent, forward-auth. Part of the identity module.
 */
@NullMarked
package dev.holdfast.platform.identity.oidc;

import org.jspecify.annotations.NullMarked;
