package dev.holdfast.platform.crm.internal;

import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jooq.impl.TableImpl;

/**
 * An entity's table as {@link dev.holdfast.platform.crm.access.RecordAccess#condition} needs it: the same table in
 * SQL, but declaring the columns access decisions use ({@code id}, {@code created_by_id} and, where the entity has an
 * assigned user, {@code assigned_user_id}), so the condition knows which of them exist. A table made from a name
 * alone declares none.
 */
final class AccessTable extends TableImpl<Record> {

    AccessTable(EntityDef entity) {
        super(DSL.name(entity.table()));
        createField(DSL.name("id"), SQLDataType.VARCHAR, this, "");
        createField(DSL.name("created_by_id"), SQLDataType.VARCHAR, this, "");
        if (entity.hasAssignedUser()) {
            createField(DSL.name("assigned_user_id"), SQLDataType.VARCHAR, this, "");
        }
    }
}
