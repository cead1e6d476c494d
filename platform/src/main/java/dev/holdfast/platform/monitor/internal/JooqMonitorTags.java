package dev.holdfast.platform.monitor.internal;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.holdfast.platform.monitor.InvalidMonitorException;
import dev.holdfast.platform.monitor.Monitor.MonitorId;
import dev.holdfast.platform.monitor.MonitorTag;
import dev.holdfast.platform.monitor.MonitorTags;
import dev.holdfast.platform.monitor.Tag;
import dev.holdfast.platform.monitor.check.FieldErrors;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Tags in the database (V50__monitor_tags.sql). */
@Service
class JooqMonitorTags implements MonitorTags {

    static final Table<Record> TAG = table(name("monitor_tag"));
    static final Field<String> T_ID = field(name("monitor_tag", "id"), String.class);
    static final Field<String> T_NAME = field(name("monitor_tag", "name"), String.class);
    static final Field<String> T_NAME_KEY = field(name("monitor_tag", "name_key"), String.class);
    static final Field<String> T_COLOR = field(name("monitor_tag", "color"), String.class);
    static final Field<Long> T_CREATED_AT = field(name("monitor_tag", "created_at"), Long.class);

    static final Table<Record> MONITOR_TAG = table(name("monitor_monitor_tag"));
    static final Field<String> MT_MONITOR = field(name("monitor_monitor_tag", "monitor_id"), String.class);
    static final Field<String> MT_TAG = field(name("monitor_monitor_tag", "tag_id"), String.class);
    static final Field<String> MT_VALUE = field(name("monitor_monitor_tag", "value"), String.class);

    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");
    private static final int MAX_TAGS_PER_MONITOR = 50;

    private final DSLContext db;
    private final Clock clock;

    JooqMonitorTags(DSLContext db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public List<Tag> tags() {
        return db.select(T_ID, T_NAME, T_COLOR).from(TAG).orderBy(T_NAME_KEY).fetch(row -> new Tag(row.value1(), row.value2(), row.value3()));
    }

    @Override
    @Transactional
    public Tag define(String name, @Nullable String color) {
        FieldErrors errors = new FieldErrors();
        String clean = checkName(name, "name", errors);
        checkColor(color, "color", errors);
        if (!errors.isEmpty()) {
            throw new InvalidMonitorException(errors.ordered());
        }
        return upsert(clean, color);
    }

    @Override
    @Transactional
    public void remove(String tagId) {
        db.deleteFrom(MONITOR_TAG).where(MT_TAG.eq(tagId)).execute();
        db.deleteFrom(TAG).where(T_ID.eq(tagId)).execute();
    }

    @Override
    public List<MonitorTag> of(MonitorId monitor) {
        return of(List.of(monitor)).getOrDefault(monitor, List.of());
    }

    @Override
    public Map<MonitorId, List<MonitorTag>> of(Collection<MonitorId> monitors) {
        Map<MonitorId, List<MonitorTag>> tags = new LinkedHashMap<>();
        if (monitors.isEmpty()) {
            return tags;
        }
        List<String> ids = monitors.stream().map(MonitorId::value).distinct().toList();
        for (int from = 0; from < ids.size(); from += 500) {
            db.select(MT_MONITOR, T_NAME, MT_VALUE, T_COLOR).from(MONITOR_TAG).join(TAG).on(T_ID.eq(MT_TAG))
                    .where(MT_MONITOR.in(ids.subList(from, Math.min(ids.size(), from + 500)))).orderBy(T_NAME_KEY, MT_VALUE)
                    .fetch().forEach(row -> tags.computeIfAbsent(new MonitorId(row.value1()), id -> new ArrayList<>())
                            .add(new MonitorTag(row.value2(), row.value3(), row.value4())));
        }
        return tags;
    }

    @Override
    @Transactional
    public void set(MonitorId monitor, List<MonitorTag> tags) {
        FieldErrors errors = new FieldErrors();
        if (tags.size() > MAX_TAGS_PER_MONITOR) {
            errors.add("tags", "at most " + MAX_TAGS_PER_MONITOR + " tags");
        }
        List<MonitorTag> clean = new ArrayList<>();
        for (int i = 0; i < tags.size() && i < MAX_TAGS_PER_MONITOR; i++) {
            MonitorTag tag = tags.get(i);
            String name = checkName(tag.name(), "tags[" + i + "].name", errors);
            String value = tag.value().strip();
            if (value.length() > 200) {
                errors.add("tags[" + i + "].value", "at most 200 characters");
            }
            checkColor(tag.color(), "tags[" + i + "].color", errors);
            clean.add(new MonitorTag(name, value, tag.color()));
        }
        if (!errors.isEmpty()) {
            throw new InvalidMonitorException(errors.ordered());
        }
        db.deleteFrom(MONITOR_TAG).where(MT_MONITOR.eq(monitor.value())).execute();
        Set<String> seen = new LinkedHashSet<>();
        for (MonitorTag tag : clean) {
            Tag defined = upsert(tag.name(), tag.color());
            if (seen.add(defined.id() + "\n" + tag.value())) {
                db.insertInto(MONITOR_TAG).set(MT_MONITOR, monitor.value()).set(MT_TAG, defined.id()).set(MT_VALUE, tag.value()).execute();
            }
        }
    }


    /**
     * Monitors carrying a tag: {@code name} (any value) or {@code name:value}; the name ignores case. Used by
     * {@link JooqMonitors#list} for {@code ?tag=}.
     */
    static Condition carrying(Field<String> monitorId, String label) {
        int colon = label.indexOf(':');
        String name = (colon < 0 ? label : label.substring(0, colon)).strip().toLowerCase(Locale.ROOT);
        Condition match = T_NAME_KEY.eq(name);
        if (colon >= 0) {
            match = match.and(MT_VALUE.eq(label.substring(colon + 1).strip()));
        }
        return monitorId.in(DSL.select(MT_MONITOR).from(MONITOR_TAG).join(TAG).on(T_ID.eq(MT_TAG)).where(match));
    }

    /** Monitors with a tag whose name or value contains the (lower-case) needle, for text search. */
    static Condition tagContains(Field<String> monitorId, String needle) {
        return monitorId.in(DSL.select(MT_MONITOR).from(MONITOR_TAG).join(TAG).on(T_ID.eq(MT_TAG))
                .where(T_NAME_KEY.contains(needle).or(DSL.lower(MT_VALUE).contains(needle))));
    }

    private Tag upsert(String name, @Nullable String color) {
        String key = name.toLowerCase(Locale.ROOT);
        Record existing = db.select(T_ID, T_NAME, T_COLOR).from(TAG).where(T_NAME_KEY.eq(key)).fetchOne();
        if (existing != null) {
            if (color != null && !color.equalsIgnoreCase(existing.get(T_COLOR))) {
                db.update(TAG).set(T_COLOR, color.toLowerCase(Locale.ROOT)).where(T_ID.eq(existing.get(T_ID))).execute();
                return new Tag(existing.get(T_ID), existing.get(T_NAME), color.toLowerCase(Locale.ROOT));
            }
            return new Tag(existing.get(T_ID), existing.get(T_NAME), existing.get(T_COLOR));
        }
        String id = UUID.randomUUID().toString();
        String colour = color == null ? DEFAULT_COLOR : color.toLowerCase(Locale.ROOT);
        db.insertInto(TAG).set(T_ID, id).set(T_NAME, name).set(T_NAME_KEY, key).set(T_COLOR, colour).set(T_CREATED_AT, clock.millis()).execute();
        return new Tag(id, name, colour);
    }

    private static String checkName(@Nullable String name, String field, FieldErrors errors) {
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty() || clean.length() > 60 || clean.contains(":") || clean.chars().anyMatch(Character::isISOControl)) {
            errors.add(field, "a name of 1 to 60 characters without a colon is required");
        }
        return clean;
    }

    private static void checkColor(@Nullable String color, String field, FieldErrors errors) {
        if (color != null && !COLOR.matcher(color).matches()) {
            errors.add(field, "a colour like #2563eb");
        }
    }
}
