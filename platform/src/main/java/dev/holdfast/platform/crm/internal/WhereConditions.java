package dev.holdfast.platform.crm.internal;

import static org.jooq.impl.DSL.and;
import static org.jooq.impl.DSL.exists;
import static org.jooq.impl.DSL.falseCondition;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.not;
import static org.jooq.impl.DSL.or;
import static org.jooq.impl.DSL.selectOne;
import static org.jooq.impl.DSL.table;
import static org.jooq.impl.DSL.trueCondition;

import dev.holdfast.platform.crm.internal.Attribute.Kind;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Condition;
import org.jooq.Field;
import org.jspecify.annotations.Nullable;

/**
 * Turns {@link WhereItem}s into SQL conditions over one entity's table, with every value bound as a parameter and
 * every identifier taken from the metadata. Date types count days in the item's time zone (UTC unless given).
 */
final class WhereConditions {

    private static final char ESCAPE = '!';
    private final EntityDef entity;
    private final Metadata metadata;
    private final Clock clock;

    WhereConditions(EntityDef entity, Metadata metadata, Clock clock) {
        this.entity = entity;
        this.metadata = metadata;
        this.clock = clock;
    }

    Condition all(List<WhereItem> items) {
        return and(items.stream().map(this::condition).toList());
    }

    @SuppressWarnings("unchecked")
    Condition condition(WhereItem item) {
        return switch (item.type()) {
            case "and" -> and(((List<WhereItem>) item.value()).stream().map(this::condition).toList());
            case "or" -> or(((List<WhereItem>) item.value()).stream().map(this::condition).toList());
            case "not" -> not(and(((List<WhereItem>) item.value()).stream().map(this::condition).toList()));
            case "linkedWith", "notLinkedWith", "isLinked", "isNotLinked" -> linkCondition(item);
            case "textFilter" -> textFilter(item);
            default -> attributeCondition(item, attribute(item));
        };
    }

    /**
     * EspoCRM's text search ({@code {"type": "textFilter", "value": "acm"}}): the name starts with the text, ignoring
     * case; {@code *} in the text matches anything ({@code *corp} finds "Acme Corp").
     */
    @SuppressWarnings("unchecked")
    private Condition textFilter(WhereItem item) {
        if (!(item.value() instanceof String text) || text.isBlank() || text.length() > 200) {
            throw CrmApiException.invalid(item.path() + "[value]", "textFilter needs a text of 1 to 200 characters.");
        }
        Attribute name = entity.nameAttribute();
        if (name == null || !name.stored()) {
            throw CrmApiException.invalid(item.path() + "[type]", entity.name() + " has no name to search.");
        }
        String pattern = String.join("%", java.util.Arrays.stream(text.strip().split("\\*", -1)).map(WhereConditions::escape).toList()) + "%";
        return ((Field<String>) column(name)).likeIgnoreCase(pattern, ESCAPE);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Condition attributeCondition(WhereItem item, Attribute attribute) {
        Field field = column(attribute);
        return switch (item.type()) {
            case "equals" -> field.eq(value(item, attribute, single(item)));
            case "notEquals" -> field.ne(value(item, attribute, single(item))).or(field.isNull());
            case "in" -> field.in(values(item, attribute));
            case "notIn" -> field.notIn(values(item, attribute)).or(field.isNull());
            case "greaterThan" -> field.gt(value(item, attribute, single(item)));
            case "lessThan" -> field.lt(value(item, attribute, single(item)));
            case "greaterThanOrEquals" -> field.ge(value(item, attribute, single(item)));
            case "lessThanOrEquals" -> field.le(value(item, attribute, single(item)));
            case "between" -> {
                List<Object> range = values(item, attribute);
                if (range.size() != 2) {
                    throw CrmApiException.invalid(item.path() + "[value]", "between needs two values: [from, to].");
                }
                yield field.between(range.get(0), range.get(1));
            }
            case "isNull" -> field.isNull();
            case "isNotNull" -> field.isNotNull();
            case "isTrue" -> bool(item, attribute, field).eq(true);
            case "isFalse" -> bool(item, attribute, field).eq(false).or(field.isNull());
            // case-insensitive on both databases, as EspoCRM on MySQL is: ILIKE on PostgreSQL, lower() LIKE lower() on SQLite
            case "like" -> text(item, attribute, field).likeIgnoreCase(string(item), ESCAPE);
            case "notLike" -> text(item, attribute, field).notLikeIgnoreCase(string(item), ESCAPE).or(field.isNull());
            case "startsWith" -> text(item, attribute, field).likeIgnoreCase(escape(string(item)) + "%", ESCAPE);
            case "endsWith" -> text(item, attribute, field).likeIgnoreCase("%" + escape(string(item)), ESCAPE);
            case "contains" -> text(item, attribute, field).likeIgnoreCase("%" + escape(string(item)) + "%", ESCAPE);
            case "notContains" -> text(item, attribute, field).notLikeIgnoreCase("%" + escape(string(item)) + "%", ESCAPE)
                    .or(field.isNull());
            case "arrayAnyOf" -> or(arrayItems(item, attribute, field));
            case "arrayAllOf" -> and(arrayItems(item, attribute, field));
            case "arrayNoneOf" -> not(or(arrayItems(item, attribute, field))).or(field.isNull());
            case "arrayIsEmpty" -> array(item, attribute, field).isNull().or(field.eq("[]"));
            case "arrayIsNotEmpty" -> array(item, attribute, field).isNotNull().and(field.ne("[]"));
            default -> dateCondition(item, attribute, field);
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Condition dateCondition(WhereItem item, Attribute attribute, Field field) {
        if (attribute.kind() != Kind.DATE && attribute.kind() != Kind.DATETIME) {
            throw CrmApiException.invalid(item.path() + "[attribute]",
                    "'" + item.type() + "' needs a date or date-time attribute; '" + attribute.name() + "' is not one.");
        }
        ZoneId zone = zone(item);
        LocalDate today = LocalDate.now(clock.withZone(zone));
        return switch (item.type()) {
            case "ever" -> field.isNotNull();
            case "today" -> range(attribute, field, today, today.plusDays(1), zone);
            case "past" -> attribute.kind() == Kind.DATE ? field.lt(today.toString()) : field.lt(clock.millis());
            case "future" -> attribute.kind() == Kind.DATE ? field.gt(today.toString()) : field.gt(clock.millis());
            case "lastSevenDays" -> range(attribute, field, today.minusDays(7), today.plusDays(1), zone);
            case "lastXDays" -> range(attribute, field, today.minusDays(days(item)), today.plusDays(1), zone);
            case "nextXDays" -> range(attribute, field, today, today.plusDays(days(item) + 1), zone);
            case "olderThanXDays" -> before(attribute, field, today.minusDays(days(item)), zone);
            case "afterXDays" -> before(attribute, field, today.plusDays(days(item) + 1), zone).not().and(field.isNotNull());
            case "currentMonth" -> range(attribute, field, today.withDayOfMonth(1), today.withDayOfMonth(1).plusMonths(1), zone);
            case "lastMonth" -> range(attribute, field, today.withDayOfMonth(1).minusMonths(1), today.withDayOfMonth(1), zone);
            case "nextMonth" -> range(attribute, field, today.withDayOfMonth(1).plusMonths(1), today.withDayOfMonth(1).plusMonths(2), zone);
            case "currentYear" -> range(attribute, field, today.withDayOfYear(1), today.withDayOfYear(1).plusYears(1), zone);
            case "lastYear" -> range(attribute, field, today.withDayOfYear(1).minusYears(1), today.withDayOfYear(1), zone);
            case "on" -> range(attribute, field, date(item), date(item).plusDays(1), zone);
            case "notOn" -> range(attribute, field, date(item), date(item).plusDays(1), zone).not().or(field.isNull());
            case "after" -> before(attribute, field, date(item).plusDays(1), zone).not().and(field.isNotNull());
            case "before" -> before(attribute, field, date(item), zone);
            default -> throw CrmApiException.invalid(item.path() + "[type]", "Unknown where type '" + item.type() + "'.");
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Condition range(Attribute attribute, Field field, LocalDate from, LocalDate to, ZoneId zone) {
        if (attribute.kind() == Kind.DATE) {
            return field.ge(from.toString()).and(field.lt(to.toString()));
        }
        return field.ge(millis(from, zone)).and(field.lt(millis(to, zone)));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Condition before(Attribute attribute, Field field, LocalDate day, ZoneId zone) {
        return attribute.kind() == Kind.DATE ? field.lt(day.toString()) : field.lt(millis(day, zone));
    }

    private static long millis(LocalDate day, ZoneId zone) {
        return day.atStartOfDay(zone).toInstant().toEpochMilli();
    }

    private Condition linkCondition(WhereItem item) {
        String linkName = item.attribute();
        if (linkName == null) {
            throw CrmApiException.invalid(item.path() + "[attribute]", "'" + item.type() + "' needs a link as attribute.");
        }
        LinkDef link = entity.link(linkName).orElseThrow(() -> CrmApiException.invalid(item.path() + "[attribute]",
                "'" + WhereItem.shorten(linkName) + "' is not a link of " + entity.name() + "."));
        boolean negate = item.type().equals("notLinkedWith") || item.type().equals("isNotLinked");
        List<String> ids = item.type().equals("linkedWith") || item.type().equals("notLinkedWith") ? ids(item) : null;
        Condition linked = linked(link, ids);
        return negate ? linked.not() : linked;
    }

    /** Records linked through the link (to one of the ids, when given). */
    Condition linked(LinkDef link, @Nullable List<String> ids) {
        Field<String> id = field(name(entity.table(), "id"), String.class);
        switch (link.kind()) {
            case BELONGS_TO, BELONGS_TO_PARENT -> {
                Field<String> column = field(name(entity.table(), Names.column(link.name()) + "_id"), String.class);
                return ids == null ? column.isNotNull() : column.in(ids).and(column.isNotNull());
            }
            case MANY_MANY -> {
                if (EntityDef.TEAM.equals(link.entity())) {
                    var teams = table(name("crm_entity_team"));
                    Condition match = field(name("crm_entity_team", "entity_type")).eq(entity.name())
                            .and(field(name("crm_entity_team", "entity_id"), String.class).eq(id));
                    return exists(selectOne().from(teams).where(match.and(ids == null ? trueCondition()
                            : field(name("crm_entity_team", "team_id"), String.class).in(ids))));
                }
                String relation = Names.relationTable(link.relationName());
                Condition match = field(name(relation, SchemaSync.keyColumn(entity.name())), String.class).eq(id);
                Field<String> theirs = field(name(relation, SchemaSync.keyColumn(link.entity())), String.class);
                return exists(selectOne().from(table(name(relation))).where(match.and(ids == null ? trueCondition() : theirs.in(ids))));
            }
            case HAS_MANY, HAS_CHILDREN -> {
                EntityDef foreign = metadata.entity(link.entity()).orElseThrow();
                String alias = "linked_" + link.name();
                Field<String> foreignId = field(name(alias, "id"), String.class);
                Condition match = link.kind() == LinkDef.Kind.HAS_MANY
                        ? field(name(alias, Names.column(link.foreign()) + "_id"), String.class).eq(id)
                        : field(name(alias, "parent_id"), String.class).eq(id).and(field(name(alias, "parent_type")).eq(entity.name()));
                match = match.and(field(name(alias, "deleted"), Boolean.class).eq(false));
                return exists(selectOne().from(table(name(foreign.table())).as(name(alias)))
                        .where(match.and(ids == null ? trueCondition() : foreignId.in(ids))));
            }
        }
        return falseCondition();
    }

    private Attribute attribute(WhereItem item) {
        String name = item.attribute();
        if (name == null) {
            throw CrmApiException.invalid(item.path() + "[attribute]", "'" + item.type() + "' needs an attribute.");
        }
        Attribute attribute = entity.attribute(name).orElseThrow(() -> CrmApiException.invalid(item.path() + "[attribute]",
                "Unknown attribute '" + WhereItem.shorten(name) + "' of " + entity.name() + "."));
        if (!attribute.stored()) {
            throw CrmApiException.invalid(item.path() + "[attribute]", "'" + name + "' cannot be filtered on; use "
                    + "linkedWith with the link '" + attribute.field().name() + "'.");
        }
        return attribute;
    }

    static Field<?> column(EntityDef entity, Attribute attribute) {
        String table = entity.table();
        return switch (attribute.kind()) {
            case LONG, DATETIME -> field(name(table, attribute.column()), Long.class);
            case DOUBLE -> field(name(table, attribute.column()), Double.class);
            case BOOL -> field(name(table, attribute.column()), Boolean.class);
            default -> field(name(table, attribute.column()), String.class);
        };
    }

    private Field<?> column(Attribute attribute) {
        return column(entity, attribute);
    }

    private static Object single(WhereItem item) {
        if (item.value() == null || item.value() instanceof List) {
            throw CrmApiException.invalid(item.path() + "[value]", "'" + item.type() + "' needs one value.");
        }
        return item.value();
    }

    private static String string(WhereItem item) {
        return String.valueOf(single(item));
    }

    private List<Object> values(WhereItem item, Attribute attribute) {
        Object value = item.value();
        List<?> raw = value instanceof List<?> list ? list : value == null ? List.of() : List.of(value);
        if (raw.isEmpty() && !item.type().equals("in") && !item.type().equals("notIn")) {
            throw CrmApiException.invalid(item.path() + "[value]", "'" + item.type() + "' needs values.");
        }
        List<Object> values = new ArrayList<>();
        for (Object each : raw) {
            values.add(value(item, attribute, each));
        }
        return values;
    }

    private List<String> ids(WhereItem item) {
        Object value = item.value();
        List<?> raw = value instanceof List<?> list ? list : value == null ? List.of() : List.of(value);
        if (raw.isEmpty()) {
            throw CrmApiException.invalid(item.path() + "[value]", "'" + item.type() + "' needs one or more ids.");
        }
        return raw.stream().map(String::valueOf).toList();
    }

    /** The value as the column stores it; a 400 naming the item's value when it is not of the attribute's type. */
    static Object value(WhereItem item, Attribute attribute, Object raw) {
        String text = String.valueOf(raw);
        String field = item.path() + "[value]";
        try {
            return switch (attribute.kind()) {
                case LONG -> Long.parseLong(text.strip());
                case DOUBLE -> Double.parseDouble(text.strip());
                case BOOL -> switch (text) {
                    case "true", "1" -> true;
                    case "false", "0" -> false;
                    default -> throw new IllegalArgumentException();
                };
                case DATE -> LocalDate.parse(text).toString();
                case DATETIME -> RecordValues.parseDateTime(text);
                default -> text;
            };
        } catch (IllegalArgumentException | DateTimeException e) {
            throw CrmApiException.invalid(field, "'" + WhereItem.shorten(text) + "' is not a valid " + describe(attribute)
                    + " for '" + attribute.name() + "'.");
        }
    }

    private static String describe(Attribute attribute) {
        return switch (attribute.kind()) {
            case LONG -> "integer";
            case DOUBLE -> "number";
            case BOOL -> "boolean (true or false)";
            case DATE -> "date (YYYY-MM-DD)";
            case DATETIME -> "date-time (YYYY-MM-DD HH:MM:SS, UTC)";
            default -> "value";
        };
    }

    @SuppressWarnings("rawtypes")
    private static Field text(WhereItem item, Attribute attribute, Field field) {
        if (attribute.kind() != Kind.STRING) {
            throw CrmApiException.invalid(item.path() + "[attribute]", "'" + item.type() + "' needs a text attribute; '"
                    + attribute.name() + "' is not one.");
        }
        return field;
    }

    @SuppressWarnings("rawtypes")
    private static Field bool(WhereItem item, Attribute attribute, Field field) {
        if (attribute.kind() != Kind.BOOL) {
            throw CrmApiException.invalid(item.path() + "[attribute]", "'" + item.type() + "' needs a boolean attribute; '"
                    + attribute.name() + "' is not one.");
        }
        return field;
    }

    @SuppressWarnings("rawtypes")
    private static Field array(WhereItem item, Attribute attribute, Field field) {
        if (attribute.kind() != Kind.JSON_LIST) {
            throw CrmApiException.invalid(item.path() + "[attribute]", "'" + item.type() + "' needs a multiEnum or array attribute; '"
                    + attribute.name() + "' is not one.");
        }
        return field;
    }

    /** A list column holds a JSON array of strings: a value is in it when its JSON string is. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private List<Condition> arrayItems(WhereItem item, Attribute attribute, Field field) {
        array(item, attribute, field);
        Object value = item.value();
        List<?> raw = value instanceof List<?> list ? list : value == null ? List.of() : List.of(value);
        if (raw.isEmpty()) {
            throw CrmApiException.invalid(item.path() + "[value]", "'" + item.type() + "' needs values.");
        }
        return raw.stream().map(v -> (Condition) field.like("%" + escape(Json.write(String.valueOf(v))) + "%").escape(ESCAPE)).toList();
    }

    static String escape(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    private static int days(WhereItem item) {
        try {
            int days = Integer.parseInt(String.valueOf(single(item)).strip());
            if (days < 0 || days > 100_000) {
                throw new NumberFormatException();
            }
            return days;
        } catch (NumberFormatException e) {
            throw CrmApiException.invalid(item.path() + "[value]", "'" + item.type() + "' needs a number of days (0 to 100000).");
        }
    }

    private static LocalDate date(WhereItem item) {
        String text = String.valueOf(single(item));
        try {
            return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
        } catch (DateTimeException e) {
            throw CrmApiException.invalid(item.path() + "[value]", "'" + WhereItem.shorten(text) + "' is not a date (YYYY-MM-DD).");
        }
    }

    private static ZoneId zone(WhereItem item) {
        if (item.timeZone() == null || item.timeZone().isBlank()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(item.timeZone());
        } catch (DateTimeException e) {
            throw CrmApiException.invalid(item.path() + "[timeZone]", "Unknown time zone '" + WhereItem.shorten(item.timeZone()) + "'.");
        }
    }
}
