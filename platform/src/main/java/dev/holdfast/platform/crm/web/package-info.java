/**
 * The CRM's pages: dashboard, entity lists, record detail, create and edit forms generated from the metadata, the
 * opportunity kanban and global search; server-rendered (JTE + htmx) on the record store's Java API, refreshed by
 * the live channel.
 */
@NullMarked
package dev.holdfast.platform.crm.web;

import org.jspecify.annotations.NullMarked;
