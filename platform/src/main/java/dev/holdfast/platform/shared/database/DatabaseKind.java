package dev.holdfast.platform.shared.database;

import dev.holdfast.platform.shared.settings.InvalidSettingException;
import org.jooq.SQLDialect;
import org.jspecify.annotations.Nullable;

/** The databases Holdfast runs on. */
public enum DatabaseKind {
    SQLITE("sqlite", SQLDialect.SQLITE),
    POSTGRESQL("postgresql", SQLDialect.POSTGRES);

    static final String ACCEPTED = "jdbc:sqlite:<file> or jdbc:postgresql://<host>:<port>/<database>";

    private final String vendor;
    private final SQLDialect dialect;

    DatabaseKind(String vendor, SQLDialect dialect) {
        this.vendor = vendor;
        this.dialect = dialect;
    }

    /** The folder name of vendor-specific migrations, as Flyway's {@code {vendor}} placeholder spells it. */
    public String vendor() {
        return vendor;
    }

    public SQLDialect dialect() {
        return dialect;
    }

    /** The kind of database a JDBC URL names; an {@link InvalidSettingException} for anything else. */
    public static DatabaseKind of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:sqlite:") && jdbcUrl.length() > "jdbc:sqlite:".length()) {
            return SQLITE;
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new InvalidSettingException("HOLDFAST_DATABASE_URL", redact(jdbcUrl), ACCEPTED);
    }

    /** The URL without any password it may carry, for logs and messages. */
    public static String redact(@Nullable String jdbcUrl) {
        return jdbcUrl == null ? "(default)" : jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("//[^/@:]+:[^/@]+@", "//***@");
    }
}
