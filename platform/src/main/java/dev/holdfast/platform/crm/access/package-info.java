/**
 * Who may do what with CRM records: roles (action × scope per entity, field-level read/edit), teams, and the mapping
 * from identity groups to CRM roles and teams. The record store asks {@link dev.holdfast.platform.crm.access.RecordAccess}
 * and puts its answer inside the SQL of every query.
 */
@NullMarked
package dev.holdfast.platform.crm.access;

import org.jspecify.annotations.NullMarked;
