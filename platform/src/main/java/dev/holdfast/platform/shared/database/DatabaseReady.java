package dev.holdfast.platform.shared.database;

/**
 * Published once per start, when the database answers and every module's schema is migrated. Work that needs the
 * database at start-up (first-run setup, the job daemon) starts on this event rather than at context refresh, so
 * that Holdfast starts, and reports itself unready, while its database is away.
 */
public record DatabaseReady(Database database) {}
