package dev.holdfast.platform.crm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

class WhereItemUnitTests {

    /** 2026-03-15 12:00 UTC */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-15T12:00:00Z"), ZoneOffset.UTC);
    private static final DSLContext SQL = DSL.using(SQLDialect.POSTGRES);
    private static final Metadata METADATA;
    static {
        Map<String, EntityDef> entities = new LinkedHashMap<>();
        BuiltInEntities.all().forEach(entity -> entities.put(entity.name(), entity));
        METADATA = new Metadata(1, entities);
    }

    private static String sql(String entity, String... parameters) {
        Map<String, String[]> map = new LinkedHashMap<>();
        for (int i = 0; i < parameters.length; i += 2) {
            String[] old = map.get(parameters[i]);
            map.put(parameters[i], old == null ? new String[] {parameters[i + 1]} : new String[] {old[0], parameters[i + 1]});
        }
        EntityDef def = METADATA.entity(entity).orElseThrow();
        return SQL.renderInlined(new WhereConditions(def, METADATA, CLOCK).all(WhereItem.fromParameters(map)));
    }

    private static String where(String type, String attribute, String... values) {
        String[] parameters = new String[4 + values.length * 2];
        parameters[0] = "where[0][type]";
        parameters[1] = type;
        parameters[2] = "where[0][attribute]";
        parameters[3] = attribute;
        for (int i = 0; i < values.length; i++) {
            parameters[4 + i * 2] = values.length == 1 ? "where[0][value]" : "where[0][value][]";
            parameters[5 + i * 2] = values[i];
        }
        return sql("Account", parameters);
    }

    @Test
    void comparisonsBindTheValueAsTheAttributesType() {
        assertThat(where("equals", "name", "Acme")).isEqualTo("\"crm_account\".\"name\" = 'Acme'");
        assertThat(where("notEquals", "name", "Acme")).contains("<> 'Acme'").contains("is null");
        assertThat(where("in", "type", "Customer", "Partner")).contains("in (\n  'Customer', 'Partner'\n)".replace("\n  ", "").replace("\n", ""));
        assertThat(where("notIn", "type", "Customer", "Partner")).contains("not in").contains("is null");
        assertThat(where("greaterThan", "versionNumber", "3")).isEqualTo("\"crm_account\".\"version_number\" > 3");
        assertThat(where("lessThan", "versionNumber", "3")).contains("< 3");
        assertThat(where("greaterThanOrEquals", "versionNumber", "3")).contains(">= 3");
        assertThat(where("lessThanOrEquals", "versionNumber", "3")).contains("<= 3");
        assertThat(where("between", "versionNumber", "2", "5")).contains("between 2 and 5");
        assertThat(where("isNull", "website")).contains("\"website\" is null");
        assertThat(where("isNotNull", "website")).contains("\"website\" is not null");
        assertThat(sql("Contact", "where[0][type]", "isTrue", "where[0][attribute]", "doNotCall")).contains("\"do_not_call\" = true");
        assertThat(sql("Contact", "where[0][type]", "isFalse", "where[0][attribute]", "doNotCall")).contains("= false").contains("is null");
        assertThat(where("equals", "createdAt", "2026-03-01 10:00:00")).contains("= 1772359200000");
    }

    @Test
    void textOperatorsEscapeWildcardsOfTheValue() {
        // case-insensitive, as EspoCRM on MySQL: ILIKE on PostgreSQL
        assertThat(where("like", "name", "Ac%")).contains("ilike 'Ac%' escape '!'");
        assertThat(where("notLike", "name", "Ac%")).contains("not ilike 'Ac%'");
        assertThat(where("startsWith", "name", "50%_off")).contains("ilike '50!%!_off%'");
        assertThat(where("endsWith", "name", "Inc")).contains("ilike '%Inc'");
        assertThat(sql("Account", "where[0][type]", "textFilter", "where[0][value]", "50%*corp"))
                .as("EspoCRM's text search: name starts with, * is a wildcard").contains("ilike '50!%%corp%'");
        assertThatThrownBy(() -> sql("Account", "where[0][type]", "textFilter")).hasFieldOrPropertyWithValue("field", "where[0][value]");
        assertThat(where("contains", "name", "cm")).contains("ilike '%cm%'");
        assertThat(where("notContains", "name", "cm")).contains("not ilike '%cm%'");
    }

    @Test
    void dateOperatorsCountDaysFromTheClockInTheGivenZone() {
        long march15 = Instant.parse("2026-03-15T00:00:00Z").toEpochMilli();
        long march16 = Instant.parse("2026-03-16T00:00:00Z").toEpochMilli();
        assertThat(where("today", "createdAt")).contains(">= " + march15).contains("< " + march16);
        assertThat(where("past", "createdAt")).contains("< " + CLOCK.millis());
        assertThat(where("future", "createdAt")).contains("> " + CLOCK.millis());
        assertThat(where("lastXDays", "createdAt", "5")).contains(">= " + Instant.parse("2026-03-10T00:00:00Z").toEpochMilli());
        assertThat(where("nextXDays", "createdAt", "5")).contains("< " + Instant.parse("2026-03-21T00:00:00Z").toEpochMilli());
        assertThat(where("currentMonth", "createdAt")).contains(">= " + Instant.parse("2026-03-01T00:00:00Z").toEpochMilli())
                .contains("< " + Instant.parse("2026-04-01T00:00:00Z").toEpochMilli());
        assertThat(where("lastMonth", "createdAt")).contains(">= " + Instant.parse("2026-02-01T00:00:00Z").toEpochMilli());
        assertThat(where("currentYear", "createdAt")).contains(">= " + Instant.parse("2026-01-01T00:00:00Z").toEpochMilli())
                .contains("< " + Instant.parse("2027-01-01T00:00:00Z").toEpochMilli());
        assertThat(where("ever", "createdAt")).contains("is not null");
        assertThat(where("lastSevenDays", "createdAt")).contains(">= " + Instant.parse("2026-03-08T00:00:00Z").toEpochMilli());
        assertThat(where("olderThanXDays", "createdAt", "10")).contains("< " + Instant.parse("2026-03-05T00:00:00Z").toEpochMilli());
        assertThat(where("afterXDays", "createdAt", "10")).contains(String.valueOf(Instant.parse("2026-03-26T00:00:00Z").toEpochMilli()));
        assertThat(where("nextMonth", "createdAt")).contains(">= " + Instant.parse("2026-04-01T00:00:00Z").toEpochMilli());
        assertThat(where("lastYear", "createdAt")).contains(">= " + Instant.parse("2025-01-01T00:00:00Z").toEpochMilli());
        assertThat(where("on", "createdAt", "2026-02-10")).contains(">= " + Instant.parse("2026-02-10T00:00:00Z").toEpochMilli())
                .contains("< " + Instant.parse("2026-02-11T00:00:00Z").toEpochMilli());
        assertThat(where("notOn", "createdAt", "2026-02-10")).contains("not").contains("is null");
        assertThat(where("after", "createdAt", "2026-02-10")).contains(String.valueOf(Instant.parse("2026-02-11T00:00:00Z").toEpochMilli()));
        assertThat(where("before", "createdAt", "2026-02-10")).contains("< " + Instant.parse("2026-02-10T00:00:00Z").toEpochMilli());
        assertThat(sql("Opportunity", "where[0][type]", "today", "where[0][attribute]", "closeDate"))
                .contains(">= '2026-03-15'").contains("< '2026-03-16'");
        assertThat(sql("Account", "where[0][type]", "today", "where[0][attribute]", "createdAt", "where[0][timeZone]", "Pacific/Auckland"))
                .as("in Auckland it is already the 16th").contains(">= " + Instant.parse("2026-03-15T11:00:00Z").toEpochMilli());
    }

    @Test
    void logicalAndLinkOperatorsNest() {
        String nested = sql("Account", "where[0][type]", "or",
                "where[0][value][0][type]", "equals", "where[0][value][0][attribute]", "name", "where[0][value][0][value]", "A",
                "where[0][value][1][type]", "not",
                "where[0][value][1][value][0][type]", "equals", "where[0][value][1][value][0][attribute]", "name",
                "where[0][value][1][value][0][value]", "B");
        assertThat(nested).contains(" or ").contains("not").contains("'A'").contains("'B'");
        assertThat(sql("Account", "where[0][type]", "and", "where[0][value][0][type]", "isNull", "where[0][value][0][attribute]", "website",
                "where[0][value][1][type]", "isNull", "where[0][value][1][attribute]", "sicCode")).contains(" and ");
        assertThat(where("linkedWith", "contacts", "c1")).contains("exists").contains("\"account_id\"").contains("'c1'");
        assertThat(where("notLinkedWith", "teams", "t1")).contains("not").contains("crm_entity_team");
        assertThat(sql("Contact", "where[0][type]", "isLinked", "where[0][attribute]", "account")).contains("\"account_id\" is not null");
        assertThat(sql("Contact", "where[0][type]", "isNotLinked", "where[0][attribute]", "opportunities")).contains("not exists")
                .contains("crm_rel_contact_opportunity");
    }

    @Test
    void arrayOperatorsMatchJsonItems() {
        assertThat(sql("Call", "where[0][type]", "arrayAnyOf", "where[0][attribute]", "reminders", "where[0][value][]", "a",
                "where[0][value][]", "b")).contains("like '%\"a\"%'").contains(" or ");
        assertThat(sql("Call", "where[0][type]", "arrayAllOf", "where[0][attribute]", "reminders", "where[0][value][]", "a",
                "where[0][value][]", "b")).contains(" and ");
        assertThat(sql("Call", "where[0][type]", "arrayNoneOf", "where[0][attribute]", "reminders", "where[0][value][]", "a")).contains("not");
        assertThat(sql("Call", "where[0][type]", "arrayIsEmpty", "where[0][attribute]", "reminders")).contains("is null").contains("'[]'");
        assertThat(sql("Call", "where[0][type]", "arrayIsNotEmpty", "where[0][attribute]", "reminders")).contains("is not null");
    }

    @Test
    void malformedItemsNameTheirParameter() {
        assertThatThrownBy(() -> where("equals", "nope", "x")).hasFieldOrPropertyWithValue("field", "where[0][attribute]");
        assertThatThrownBy(() -> where("weird", "name", "x")).hasFieldOrPropertyWithValue("field", "where[0][type]");
        assertThatThrownBy(() -> where("greaterThan", "versionNumber", "lots")).hasFieldOrPropertyWithValue("field", "where[0][value]");
        assertThatThrownBy(() -> where("contains", "versionNumber", "1")).hasFieldOrPropertyWithValue("field", "where[0][attribute]");
        assertThatThrownBy(() -> sql("Account", "where[x][type]", "equals")).hasFieldOrPropertyWithValue("field", "where[x]");
        assertThatThrownBy(() -> sql("Account", "where[0", "equals")).isInstanceOf(CrmApiException.class);
        assertThat(List.of(WhereItem.TYPES.size())).as("every where type has a test above").containsExactly(50);
    }
}
