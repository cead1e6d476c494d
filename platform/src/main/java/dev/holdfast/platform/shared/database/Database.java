package dev.holdfast.platform.shared.database;

/**
 * The database this node runs on.
 *
 * @param kind SQLite or PostgreSQL
 * @param url the JDBC URL, possibly carrying credentials: print it only through {@link #displayUrl()}
 */
public record Database(DatabaseKind kind, String url) {

    /** The URL without credentials, for logs and pages. */
    public String displayUrl() {
        return DatabaseKind.redact(url);
    }

    @Override
    public String toString() {
        return "Database[" + kind + " " + displayUrl() + "]";
    }
}
