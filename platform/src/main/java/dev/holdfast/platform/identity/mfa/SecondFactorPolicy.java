package dev.holdfast.platform.identity.mfa;

import dev.holdfast.platform.identity.UserAccount.UserId;

/**
 * Decides whether a user must pass a second factor even without having enrolled one (then they are sent to enrol
 * one first). Implementations are beans; a user needs a second factor when any policy says so. Holdfast has the
 * global {@code HOLDFAST_IDENTITY_MFA_REQUIRED} policy; per-group and per-application policies plug in here.
 */
public interface SecondFactorPolicy {

    /** A short unique name, e.g. {@code global}, {@code group}. */
    String id();

    /** Whether the user must use a second factor. Called on requests of signed-in users: keep it cheap. */
    boolean required(UserId user);
}
