package dev.holdfast.platform.identity.internal;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/** Column names of {@code identity_user} and {@code identity_setup_token} for jOOQ. */
final class UserTable {

    static final Table<Record> USER = table(name("identity_user"));
    static final Field<String> ID = field(name("id"), String.class);
    static final Field<String> USERNAME = field(name("username"), String.class);
    static final Field<String> USERNAME_KEY = field(name("username_key"), String.class);
    static final Field<String> EMAIL = field(name("email"), String.class);
    static final Field<String> DISPLAY_NAME = field(name("display_name"), String.class);
    static final Field<String> PASSWORD_HASH = field(name("password_hash"), String.class);
    static final Field<Boolean> ENABLED = field(name("enabled"), Boolean.class);
    static final Field<Long> CREATED_AT = field(name("created_at"), Long.class);
    static final Field<Long> LAST_LOGIN_AT = field(name("last_login_at"), Long.class);
    static final Field<String> KIND = field(name("kind"), String.class);

    static final Table<Record> SETUP_TOKEN = table(name("identity_setup_token"));
    static final Field<String> TOKEN_HASH = field(name("token_hash"), String.class);
    static final Field<Long> TOKEN_CREATED_AT = field(name("created_at"), Long.class);
    static final Field<Long> TOKEN_EXPIRES_AT = field(name("expires_at"), Long.class);

    private UserTable() {}
}
