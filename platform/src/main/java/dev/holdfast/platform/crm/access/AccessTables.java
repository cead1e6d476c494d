package dev.holdfast.platform.crm.access;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/** The access tables (migrations {@code V20__access.sql}, {@code V70__team_roles.sql}), for jOOQ without code generation. */
final class AccessTables {

    private AccessTables() {}

    static final Table<Record> ROLE = table(name("crm_role"));
    static final Field<String> ROLE_ID = field(name("crm_role", "id"), String.class);
    static final Field<String> ROLE_NAME = field(name("crm_role", "name"), String.class);
    static final Field<String> ROLE_NAME_KEY = field(name("crm_role", "name_key"), String.class);
    static final Field<Long> ROLE_CREATED_AT = field(name("crm_role", "created_at"), Long.class);
    static final Field<Long> ROLE_UPDATED_AT = field(name("crm_role", "updated_at"), Long.class);

    static final Table<Record> PERMISSION = table(name("crm_role_permission"));
    static final Field<String> PERMISSION_ROLE = field(name("crm_role_permission", "role_id"), String.class);
    static final Field<String> PERMISSION_TYPE = field(name("crm_role_permission", "entity_type"), String.class);
    static final Field<String> PERMISSION_ACTION = field(name("crm_role_permission", "action"), String.class);
    static final Field<String> PERMISSION_SCOPE = field(name("crm_role_permission", "scope"), String.class);

    static final Table<Record> FIELD = table(name("crm_role_field"));
    static final Field<String> FIELD_ROLE = field(name("crm_role_field", "role_id"), String.class);
    static final Field<String> FIELD_TYPE = field(name("crm_role_field", "entity_type"), String.class);
    static final Field<String> FIELD_NAME = field(name("crm_role_field", "field"), String.class);
    static final Field<Boolean> FIELD_READ = field(name("crm_role_field", "can_read"), Boolean.class);
    static final Field<Boolean> FIELD_EDIT = field(name("crm_role_field", "can_edit"), Boolean.class);

    static final Table<Record> TEAM = table(name("crm_team"));
    static final Field<String> TEAM_ID = field(name("crm_team", "id"), String.class);
    static final Field<String> TEAM_NAME = field(name("crm_team", "name"), String.class);
    static final Field<String> TEAM_NAME_KEY = field(name("crm_team", "name_key"), String.class);
    static final Field<String> TEAM_DESCRIPTION = field(name("crm_team", "description"), String.class);
    static final Field<Long> TEAM_CREATED_AT = field(name("crm_team", "created_at"), Long.class);

    static final Table<Record> MEMBER = table(name("crm_team_member"));
    static final Field<String> MEMBER_TEAM = field(name("crm_team_member", "team_id"), String.class);
    static final Field<String> MEMBER_USER = field(name("crm_team_member", "user_id"), String.class);

    static final Table<Record> TEAM_ROLE = table(name("crm_team_role"));
    static final Field<String> TEAM_ROLE_TEAM = field(name("crm_team_role", "team_id"), String.class);
    static final Field<String> TEAM_ROLE_ROLE = field(name("crm_team_role", "role_id"), String.class);

    static final Table<Record> MAPPING = table(name("crm_group_mapping"));
    static final Field<String> MAPPING_KEY = field(name("crm_group_mapping", "group_key"), String.class);
    static final Field<String> MAPPING_GROUP = field(name("crm_group_mapping", "group_name"), String.class);
    static final Field<Long> MAPPING_UPDATED_AT = field(name("crm_group_mapping", "updated_at"), Long.class);

    static final Table<Record> GROUP_ROLE = table(name("crm_group_role"));
    static final Field<String> GROUP_ROLE_KEY = field(name("crm_group_role", "group_key"), String.class);
    static final Field<String> GROUP_ROLE_ROLE = field(name("crm_group_role", "role_id"), String.class);

    static final Table<Record> GROUP_TEAM = table(name("crm_group_team"));
    static final Field<String> GROUP_TEAM_KEY = field(name("crm_group_team", "group_key"), String.class);
    static final Field<String> GROUP_TEAM_TEAM = field(name("crm_group_team", "team_id"), String.class);

    static final Table<Record> REVISION = table(name("crm_access_revision"));
    static final Field<Integer> REVISION_ID = field(name("crm_access_revision", "id"), Integer.class);
    static final Field<Long> REVISION_VALUE = field(name("crm_access_revision", "revision"), Long.class);

    /** Records' team membership; created by the record store (its migration), read here for TEAM scope. */
    static final Table<Record> ENTITY_TEAM = table(name("crm_entity_team"));
    static final Field<String> ENTITY_TEAM_TYPE = field(name("crm_entity_team", "entity_type"), String.class);
    static final Field<String> ENTITY_TEAM_ENTITY = field(name("crm_entity_team", "entity_id"), String.class);
    static final Field<String> ENTITY_TEAM_TEAM = field(name("crm_entity_team", "team_id"), String.class);
}
