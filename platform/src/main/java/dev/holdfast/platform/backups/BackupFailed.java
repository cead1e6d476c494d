package dev.holdfast.platform.backups;

import java.time.Instant;

/**
 * A backup run of a plan failed: no new snapshot. Published inside the transaction that records the run.
 *
 * @param plan the plan's name, as people know it (at most 150 characters)
 * @param failedAt when the run gave up
 * @param cause one short line on what went wrong, never a stack trace or a secret
 */
public record BackupFailed(String plan, Instant failedAt, String cause) {}
