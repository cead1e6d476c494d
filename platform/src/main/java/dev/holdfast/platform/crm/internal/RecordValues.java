package dev.holdfast.platform.crm.internal;

import dev.holdfast.platform.crm.internal.Attribute.Kind;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/** Converts attribute values between the API's JSON and the columns, checking type and the field's options. */
final class RecordValues {

    static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter DATE_TIME_MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    static final int DEFAULT_MAX_LENGTH = 255;
    static final int TEXT_MAX_LENGTH = 65_535;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern PHONE = Pattern.compile("[+0-9 ()./-]{1,40}");

    private RecordValues() {}

    /**
     * {@code YYYY-MM-DD HH:MM:SS} in UTC, as {@link #DATE_TIME} writes it. Written digit by digit for the years 1 to
     * 9999 (every list page writes one or more per row; the formatter's general machinery cost about 2 % of the CPU of
     * bench/crm's list request), by the formatter outside them.
     */
    static String formatDateTime(long millis) {
        LocalDateTime time = LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000), 0, ZoneOffset.UTC);
        int year = time.getYear();
        if (year < 1 || year > 9999) {
            return DATE_TIME.format(time);
        }
        byte[] text = new byte[19];
        digits(text, 0, year, 4);
        text[4] = '-';
        digits(text, 5, time.getMonthValue(), 2);
        text[7] = '-';
        digits(text, 8, time.getDayOfMonth(), 2);
        text[10] = ' ';
        digits(text, 11, time.getHour(), 2);
        text[13] = ':';
        digits(text, 14, time.getMinute(), 2);
        text[16] = ':';
        digits(text, 17, time.getSecond(), 2);
        return new String(text, java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static void digits(byte[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    /** {@code YYYY-MM-DD HH:MM:SS} (EspoCRM's form, UTC), {@code YYYY-MM-DD HH:MM}, ISO-8601 with offset, or a date. */
    static long parseDateTime(String text) {
        String value = text.strip();
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            }
            if (value.length() == 16 && value.charAt(10) == ' ') {
                return LocalDateTime.parse(value, DATE_TIME_MINUTES).toInstant(ZoneOffset.UTC).toEpochMilli();
            }
            if (value.length() == 19 && value.charAt(10) == ' ') {
                return LocalDateTime.parse(value, DATE_TIME).toInstant(ZoneOffset.UTC).toEpochMilli();
            }
            return OffsetDateTime.parse(value).toInstant().toEpochMilli();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("not a date-time: " + value, e);
        }
    }

    /** A column value as the API shows it. */
    static @Nullable Object toJson(Attribute attribute, @Nullable Object value) {
        if (value == null) {
            return attribute.kind() == Kind.JSON_LIST || attribute.kind() == Kind.JSON_DATA ? List.of() : null;
        }
        return switch (attribute.kind()) {
            case DATETIME -> formatDateTime(((Number) value).longValue());
            case LONG -> ((Number) value).longValue();
            case DOUBLE -> ((Number) value).doubleValue();
            case BOOL -> value instanceof Boolean b ? b : ((Number) value).intValue() != 0;
            case JSON_LIST, JSON_DATA -> Json.readList(value.toString());
            default -> value.toString();
        };
    }

    /** The column value for a value the client sent; a 400 naming the attribute when it does not fit the field. */
    static @Nullable Object toColumn(Attribute attribute, @Nullable Object value) {
        String name = attribute.name();
        FieldDef field = attribute.field();
        if (value == null || (value instanceof String s && s.isEmpty() && attribute.kind() != Kind.STRING)) {
            return null;
        }
        return switch (attribute.kind()) {
            case STRING -> string(attribute, value);
            case LONG -> {
                if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
                    throw CrmApiException.invalid(name, "'" + name + "' must be an integer.");
                }
                yield n.longValue();
            }
            case DOUBLE -> {
                if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue())) {
                    throw CrmApiException.invalid(name, "'" + name + "' must be a number.");
                }
                yield n.doubleValue();
            }
            case BOOL -> {
                if (!(value instanceof Boolean b)) {
                    throw CrmApiException.invalid(name, "'" + name + "' must be true or false.");
                }
                yield b;
            }
            case DATE -> {
                try {
                    yield LocalDate.parse(String.valueOf(value)).toString();
                } catch (DateTimeException e) {
                    throw CrmApiException.invalid(name, "'" + name + "' must be a date (YYYY-MM-DD).");
                }
            }
            case DATETIME -> {
                try {
                    yield parseDateTime(String.valueOf(value));
                } catch (IllegalArgumentException e) {
                    throw CrmApiException.invalid(name, "'" + name + "' must be a date-time (YYYY-MM-DD HH:MM:SS, UTC).");
                }
            }
            case JSON_LIST -> {
                if (!(value instanceof List<?> list) || list.stream().anyMatch(v -> !(v instanceof String))
                        && field.type() != FieldType.JSON_ARRAY) {
                    throw CrmApiException.invalid(name, "'" + name + "' must be a list of strings.");
                }
                if (list.size() > 1000) {
                    throw CrmApiException.invalid(name, "'" + name + "' has more than 1000 items.");
                }
                if (field.type() == FieldType.MULTI_ENUM && !field.options().isEmpty()) {
                    for (Object item : list) {
                        if (!field.options().contains(item)) {
                            throw CrmApiException.invalid(name, "'" + WhereItem.shorten(String.valueOf(item)) + "' is not one of "
                                    + field.options() + ".");
                        }
                    }
                }
                yield Json.write(list);
            }
            case JSON_DATA -> Json.write(data(attribute, value));
            default -> throw CrmApiException.invalid(name, "'" + name + "' cannot be set.");
        };
    }

    private static String string(Attribute attribute, Object value) {
        String name = attribute.name();
        FieldDef field = attribute.field();
        if (!(value instanceof String text)) {
            throw CrmApiException.invalid(name, "'" + name + "' must be a string.");
        }
        int max = field.maxLength() != null ? field.maxLength()
                : field.type() == FieldType.TEXT ? TEXT_MAX_LENGTH : DEFAULT_MAX_LENGTH;
        if (text.length() > max) {
            throw CrmApiException.invalid(name, "'" + name + "' is longer than " + max + " characters.");
        }
        if (field.type() == FieldType.ENUM && !field.options().isEmpty() && !field.options().contains(text)) {
            throw CrmApiException.invalid(name, "'" + WhereItem.shorten(text) + "' is not one of " + field.options() + ".");
        }
        if (field.type() == FieldType.EMAIL && attribute.name().equals(field.name()) && !text.isEmpty() && !EMAIL.matcher(text).matches()) {
            throw CrmApiException.invalid(name, "'" + name + "' is not an email address.");
        }
        if (field.type() == FieldType.PHONE && attribute.name().equals(field.name()) && !text.isEmpty() && !PHONE.matcher(text).matches()) {
            throw CrmApiException.invalid(name, "'" + name + "' is not a phone number.");
        }
        if (field.pattern() != null && !text.isEmpty() && attribute.name().equals(field.name())) {
            try {
                if (!Pattern.compile(field.pattern()).matcher(text).matches()) {
                    throw CrmApiException.invalid(name, "'" + name + "' does not match the pattern " + field.pattern() + ".");
                }
            } catch (PatternSyntaxException e) {
                throw new IllegalStateException("stored pattern of " + name + " does not compile", e);
            }
        }
        return text;
    }

    /** emailAddressData / phoneNumberData: a list of objects, each with the address (or number) and flags. */
    private static List<Map<String, Object>> data(Attribute attribute, Object value) {
        String name = attribute.name();
        String key = attribute.field().type() == FieldType.EMAIL ? "emailAddress" : "phoneNumber";
        if (!(value instanceof List<?> list) || list.size() > 20) {
            throw CrmApiException.invalid(name, "'" + name + "' must be a list of at most 20 objects.");
        }
        List<Map<String, Object>> clean = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> map) || !(map.get(key) instanceof String address) || address.length() > 255) {
                throw CrmApiException.invalid(name, "Each item of '" + name + "' needs a " + key + ".");
            }
            if (key.equals("emailAddress") && !EMAIL.matcher(address).matches()) {
                throw CrmApiException.invalid(name, "'" + WhereItem.shorten(address) + "' is not an email address.");
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put(key, address);
            entry.put("primary", Boolean.TRUE.equals(map.get("primary")));
            if (key.equals("emailAddress")) {
                entry.put("optOut", Boolean.TRUE.equals(map.get("optOut")));
                entry.put("invalid", Boolean.TRUE.equals(map.get("invalid")));
            } else {
                entry.put("type", map.get("type") instanceof String type ? WhereItem.shorten(type) : "Office");
                entry.put("optOut", Boolean.TRUE.equals(map.get("optOut")));
            }
            clean.add(entry);
        }
        if (!clean.isEmpty() && clean.stream().noneMatch(entry -> Boolean.TRUE.equals(entry.get("primary")))) {
            clean.getFirst().put("primary", true);
        }
        return clean;
    }
}
