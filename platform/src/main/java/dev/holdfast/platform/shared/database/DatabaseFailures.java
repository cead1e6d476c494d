package dev.holdfast.platform.shared.database;

import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/** Tells a database that is away from other failures. */
public final class DatabaseFailures {

    private DatabaseFailures() {}

    /** Whether the failure, or any cause, is the database being unreachable (SQL state class 08, pool timeout, socket). */
    public static boolean isUnreachable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof SocketException
                    || cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }
}
