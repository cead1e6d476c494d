package dev.holdfast.platform.shared.database;

import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.springframework.transaction.TransactionSystemException;

/** Tells a database that is away from other failures. */
public final class DatabaseFailures {

    private DatabaseFailures() {}

    /**
     * Whether the failure, or any cause, is the database being unreachable (SQL state class 08, pool timeout,
     * socket). A failed rollback counts by the failure that caused the rollback.
     */
    public static boolean isUnreachable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof SocketException
                    || cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
            if (cause instanceof TransactionSystemException rollback && rollback.getApplicationException() != null
                    && isUnreachable(rollback.getApplicationException())) {
                return true;
            }
        }
        return false;
    }
}
