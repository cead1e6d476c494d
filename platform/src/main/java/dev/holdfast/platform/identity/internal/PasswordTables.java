package dev.holdfast.platform.identity.internal;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/** Column names of the password history, the password links and {@code identity_user.password_changed_at}. */
final class PasswordTables {

    static final Field<Long> PASSWORD_CHANGED_AT = field(name("password_changed_at"), Long.class);

    static final Table<Record> HISTORY = table(name("identity_password_history"));
    static final Field<String> HISTORY_USER = field(name("user_id"), String.class);
    static final Field<String> HISTORY_HASH = field(name("password_hash"), String.class);
    static final Field<Long> HISTORY_SET_AT = field(name("set_at"), Long.class);

    static final Table<Record> LINK = table(name("identity_password_token"));
    static final Field<String> LINK_HASH = field(name("token_hash"), String.class);
    static final Field<String> LINK_USER = field(name("user_id"), String.class);
    static final Field<String> LINK_PURPOSE = field(name("purpose"), String.class);
    static final Field<String> LINK_CREATED_BY = field(name("created_by"), String.class);
    static final Field<Long> LINK_CREATED_AT = field(name("created_at"), Long.class);
    static final Field<Long> LINK_EXPIRES_AT = field(name("expires_at"), Long.class);

    private PasswordTables() {}
}
