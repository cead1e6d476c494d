package dev.holdfast.platform.crm.internal;

import org.jspecify.annotations.Nullable;

/**
 * One value of a record as the API names it ({@code accountId}, {@code billingAddressCity}), and the column that
 * holds it; attributes without a column ({@code accountName}, {@code teamsIds}) are filled from other tables.
 */
record Attribute(String name, @Nullable String column, Kind kind, FieldDef field) {

    enum Kind {
        STRING, LONG, DOUBLE, BOOL, DATE, DATETIME, JSON_LIST, JSON_DATA, LINK_NAME, LINK_IDS, LINK_NAMES, PARENT_NAME
    }

    boolean stored() {
        return column != null;
    }
}
