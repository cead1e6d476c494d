package dev.holdfast.platform.identity.internal;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/** Column names of the directory's tables (V10__directory.sql) for jOOQ. */
final class DirectoryTables {

    static final Field<String> USER_KIND = field(name("identity_user", "kind"), String.class);

    static final Table<Record> USER_ATTRIBUTE = table(name("identity_user_attribute"));
    static final Table<Record> GROUP_ATTRIBUTE = table(name("identity_group_attribute"));
    static final Field<String> ATTR_USER = field(name("user_id"), String.class);
    static final Field<String> ATTR_GROUP = field(name("group_id"), String.class);
    static final Field<String> ATTR_NAME = field(name("name"), String.class);
    static final Field<String> ATTR_VALUE = field(name("value"), String.class);

    static final Table<Record> GROUP = table(name("identity_group"));
    static final Field<String> GROUP_ID = field(name("identity_group", "id"), String.class);
    static final Field<String> GROUP_NAME = field(name("identity_group", "name"), String.class);
    static final Field<String> GROUP_NAME_KEY = field(name("identity_group", "name_key"), String.class);
    static final Field<String> GROUP_PARENT = field(name("identity_group", "parent_id"), String.class);
    static final Field<String> GROUP_DESCRIPTION = field(name("identity_group", "description"), String.class);
    static final Field<Long> GROUP_CREATED_AT = field(name("identity_group", "created_at"), Long.class);

    static final Table<Record> MEMBER = table(name("identity_group_member"));
    static final Field<String> MEMBER_GROUP = field(name("identity_group_member", "group_id"), String.class);
    static final Field<String> MEMBER_USER = field(name("identity_group_member", "user_id"), String.class);

    static final Table<Record> ROLE = table(name("identity_role"));
    static final Field<String> ROLE_ID = field(name("identity_role", "id"), String.class);
    static final Field<String> ROLE_NAME = field(name("identity_role", "name"), String.class);
    static final Field<String> ROLE_NAME_KEY = field(name("identity_role", "name_key"), String.class);
    static final Field<String> ROLE_APPLICATION = field(name("identity_role", "application"), String.class);
    static final Field<String> ROLE_DESCRIPTION = field(name("identity_role", "description"), String.class);
    static final Field<Boolean> ROLE_BUILT_IN = field(name("identity_role", "built_in"), Boolean.class);
    static final Field<Long> ROLE_CREATED_AT = field(name("identity_role", "created_at"), Long.class);

    static final Table<Record> PERMISSION = table(name("identity_role_permission"));
    static final Field<String> PERMISSION_ROLE = field(name("identity_role_permission", "role_id"), String.class);
    static final Field<String> PERMISSION_NAME = field(name("identity_role_permission", "permission"), String.class);

    static final Table<Record> ASSIGNMENT = table(name("identity_role_assignment"));
    static final Field<String> ASSIGNMENT_ROLE = field(name("identity_role_assignment", "role_id"), String.class);
    static final Field<String> ASSIGNMENT_KIND = field(name("identity_role_assignment", "subject_kind"), String.class);
    static final Field<String> ASSIGNMENT_SUBJECT = field(name("identity_role_assignment", "subject_id"), String.class);

    static final Table<Record> TOKEN = table(name("identity_api_token"));
    static final Field<String> TOKEN_ID = field(name("identity_api_token", "id"), String.class);
    static final Field<String> TOKEN_USER = field(name("identity_api_token", "user_id"), String.class);
    static final Field<String> TOKEN_NAME = field(name("identity_api_token", "name"), String.class);
    static final Field<String> TOKEN_PREFIX = field(name("identity_api_token", "prefix"), String.class);
    static final Field<String> TOKEN_HASH = field(name("identity_api_token", "token_hash"), String.class);
    static final Field<Long> TOKEN_CREATED_AT = field(name("identity_api_token", "created_at"), Long.class);
    static final Field<Long> TOKEN_EXPIRES_AT = field(name("identity_api_token", "expires_at"), Long.class);
    static final Field<Long> TOKEN_LAST_USED_AT = field(name("identity_api_token", "last_used_at"), Long.class);
    static final Field<Long> TOKEN_REVOKED_AT = field(name("identity_api_token", "revoked_at"), Long.class);
    static final Field<String> TOKEN_HMAC_SECRET = field(name("identity_api_token", "hmac_secret"), String.class);

    private DirectoryTables() {}
}
