/** Second factors of sign-in (TOTP, passkeys, recovery codes, codes by email and SMS) and the account security page; part of identity, not API. */
@NullMarked
package dev.holdfast.platform.identity.mfa;

import org.jspecify.annotations.NullMarked;
