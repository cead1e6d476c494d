/**
 * Outgoing mail (password resets, invitations, one-time codes, alerts): one {@link OutgoingMail} bean over SMTP,
 * configured by {@code HOLDFAST_MAIL_*}.
 */
@NamedInterface("mail")
@NullMarked
package dev.holdfast.platform.shared.mail;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
