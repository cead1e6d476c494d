package dev.holdfast.platform.identity.internal;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/** Column names of {@code identity_audit_event} and {@code identity_audit_head} for jOOQ. */
final class AuditTable {

    static final Table<Record> EVENT = table(name("identity_audit_event"));
    static final Field<Long> SEQ = field(name("seq"), Long.class);
    static final Field<Long> OCCURRED_AT = field(name("occurred_at"), Long.class);
    static final Field<String> ACTOR = field(name("actor"), String.class);
    static final Field<String> CLIENT_IP = field(name("client_ip"), String.class);
    static final Field<String> ACTION = field(name("action"), String.class);
    static final Field<String> TARGET = field(name("target"), String.class);
    static final Field<String> OUTCOME = field(name("outcome"), String.class);
    static final Field<String> DETAILS = field(name("details"), String.class);
    static final Field<String> PREV_HASH = field(name("prev_hash"), String.class);
    static final Field<String> HASH = field(name("hash"), String.class);

    static final Table<Record> HEAD = table(name("identity_audit_head"));
    static final Field<Integer> HEAD_ID = field(name("id"), Integer.class);
    static final Field<Long> LAST_SEQ = field(name("last_seq"), Long.class);
    static final Field<String> LAST_HASH = field(name("last_hash"), String.class);
    static final Field<Long> ANCHOR_SEQ = field(name("anchor_seq"), Long.class);
    static final Field<String> ANCHOR_HASH = field(name("anchor_hash"), String.class);

    private AuditTable() {}
}
