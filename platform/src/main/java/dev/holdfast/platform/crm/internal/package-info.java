/** The record store: metadata (entity, field and link definitions as data), runtime DDL, the EspoCRM-shaped REST API. */
@NullMarked
package dev.holdfast.platform.crm.internal;

import org.jspecify.annotations.NullMarked;
