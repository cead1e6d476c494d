package dev.holdfast.platform.crm.internal;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
import java.util.regex.Pattern;

/** Names of entities, fields and columns, their validation, and record ids. */
final class Names {

    /** Fields every entity has; they are not stored as definitions and cannot be added. */
    static final Set<String> SYSTEM_FIELDS = Set.of("createdAt", "modifiedAt", "createdBy", "modifiedBy", "versionNumber",
            "assignedUser", "teams");
    /** Names that would collide with columns or attributes the store uses itself. */
    static final Set<String> RESERVED = Set.of("id", "deleted", "name", "createdAt", "modifiedAt", "createdBy",
            "modifiedBy", "versionNumber", "assignedUser", "teams", "createdById", "modifiedById", "assignedUserId",
            "select", "from", "where", "order", "group", "table", "user", "limit", "offset", "null", "true", "false");
    static final Pattern ENTITY = Pattern.compile("[A-Z][A-Za-z0-9]{1,39}");
    static final Pattern FIELD = Pattern.compile("[a-z][A-Za-z0-9]{1,39}");
    /** Ids are EspoCRM's shape (13 hex digits of time, 4 random) or, for ids made elsewhere, letters, digits, - and _. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private Names() {}

    /** {@code billingAddressCity} → {@code billing_address_city}. Only ever given validated names. */
    static String column(String attribute) {
        return attribute.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    static String table(String entity) {
        return "crm_" + column(entity);
    }

    static String relationTable(String relationName) {
        return "crm_rel_" + column(relationName);
    }

    /** A 17-character id as EspoCRM makes them: microseconds since the epoch in hex, then 4 random hex digits. */
    static String newId() {
        long micros = System.currentTimeMillis() * 1000 + (System.nanoTime() / 1000) % 1000;
        String time = Long.toHexString(micros);
        time = "0".repeat(Math.max(0, 13 - time.length())) + time;
        byte[] random = new byte[2];
        RANDOM.nextBytes(random);
        return time.substring(time.length() - 13) + HexFormat.of().formatHex(random);
    }
}
