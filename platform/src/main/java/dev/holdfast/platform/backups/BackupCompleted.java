package dev.holdfast.platform.backups;

import java.time.Instant;

/**
 * A backup run of a plan finished and its snapshot is saved. Published inside the transaction that records the run;
 * listeners in other modules (monitoring's backup freshness) see it only if that transaction commits.
 *
 * @param plan the plan's name, as people know it (at most 150 characters)
 * @param finishedAt when the snapshot was complete
 */
public record BackupCompleted(String plan, Instant finishedAt) {}
