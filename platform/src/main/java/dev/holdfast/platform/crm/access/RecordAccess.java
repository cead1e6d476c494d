package dev.holdfast.platform.crm.access;

import org.jooq.Condition;
import org.jooq.Table;
import org.springframework.security.core.Authentication;

/**
 * The CRM's access decisions. The record store calls it for every read, list, change, related list, search,
 * stream query, export and live subscription.
 *
 * <p>Table conventions every entity table follows, so that {@link #condition} can be put inside the SQL:
 * {@code id} (text primary key), {@code created_by_id}, {@code assigned_user_id} (only on entities that have an
 * assigned user; without it "own" means created by the user), and team membership of records in
 * {@code crm_entity_team(entity_type, entity_id, team_id)}.
 */
public interface RecordAccess {

    /** The CRM user behind a signed-in session or API credential. */
    CrmUser user(Authentication authentication);

    /** How far the user may take the action on records of the entity type. */
    Scope scope(CrmUser user, String entityType, Action action);

    /** A condition over {@code table} (the entity's table) that keeps only rows the user may take the action on. */
    Condition condition(CrmUser user, String entityType, Action action, Table<?> table);

    /** Whether the user may take the action on one record. */
    boolean permits(CrmUser user, String entityType, Action action, Ownership record);

    /** Whether the user may see the field's value (a field they may not read is left out of answers). */
    boolean canRead(CrmUser user, String entityType, String field);

    /** Whether the user may change the field (a change to a field they may not edit is refused with 403). */
    boolean canEdit(CrmUser user, String entityType, String field);
}
