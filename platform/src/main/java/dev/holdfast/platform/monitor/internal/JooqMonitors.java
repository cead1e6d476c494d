package dev.holdfast.platform.monitor.internal;

import static dev.holdfast.platform.monitor.internal.MonitorTables.*;

import dev.holdfast.platform.monitor.CheckRecord;
import dev.holdfast.platform.monitor.Incident;
import dev.holdfast.platform.monitor.InvalidMonitorException;
import dev.holdfast.platform.monitor.MaintenanceWindow;
import dev.holdfast.platform.monitor.Monitor;
import dev.holdfast.platform.monitor.Monitor.MonitorId;
import dev.holdfast.platform.monitor.MonitorDraft;
import dev.holdfast.platform.monitor.MonitorState;
import dev.holdfast.platform.monitor.MonitorStatus;
import dev.holdfast.platform.monitor.MonitorSummary;
import dev.holdfast.platform.monitor.Monitors;
import dev.holdfast.platform.monitor.NoSuchMonitorException;
import dev.holdfast.platform.monitor.Rollup;
import dev.holdfast.platform.monitor.Uptime;
import dev.holdfast.platform.monitor.check.Check;
import dev.holdfast.platform.monitor.check.CheckConfig;
import dev.holdfast.platform.monitor.check.CheckRequest;
import dev.holdfast.platform.monitor.check.Checks;
import dev.holdfast.platform.monitor.check.FieldErrors;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Monitors in the database: settings, status, history, incidents, maintenance windows. */
@Service
class JooqMonitors implements Monitors {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long MAX_INTERVAL_SECONDS = 24L * 24 * 3600;

    private final DSLContext db;
    private final Clock clock;
    private final Checks checks;
    private final MonitorSettings settings;
    private final ApplicationEventPublisher events;

    JooqMonitors(DSLContext db, Clock clock, Checks checks, MonitorSettings settings, ApplicationEventPublisher events) {
        this.db = db;
        this.clock = clock;
        this.checks = checks;
        this.settings = settings;
        this.events = events;
    }

    @Override
    @Transactional
    public Monitor create(MonitorDraft draft) {
        Valid valid = validate(draft, null);
        MonitorId id = MonitorId.random();
        long now = clock.millis();
        String token = valid.type.equals("push") ? token() : null;
        db.insertInto(MONITOR).set(M_ID, id.value()).set(fields(valid)).set(M_ACTIVE, true).set(M_PUSH_TOKEN, token)
                .set(M_CREATED_AT, now).set(M_UPDATED_AT, now).execute();
        events.publishEvent(new MonitorEdited(id.value(), true));
        return get(id);
    }

    @Override
    @Transactional
    public Monitor update(MonitorId id, MonitorDraft draft) {
        Monitor existing = get(id);
        Valid valid = validate(draft, id);
        String token = valid.type.equals("push") ? (existing.pushToken() == null ? token() : existing.pushToken()) : null;
        db.update(MONITOR).set(fields(valid)).set(M_PUSH_TOKEN, token).set(M_UPDATED_AT, Math.max(clock.millis(), existing.updatedAt().toEpochMilli() + 1))
                .where(M_ID.eq(id.value())).execute();
        events.publishEvent(new MonitorEdited(id.value(), true));
        return get(id);
    }

    @Override
    @Transactional
    public void delete(MonitorId id) {
        get(id);
        db.update(MONITOR).setNull(M_PARENT).where(M_PARENT.eq(id.value())).execute();
        db.deleteFrom(MONITOR).where(M_ID.eq(id.value())).execute();
        db.deleteFrom(STATUS).where(S_MONITOR.eq(id.value())).execute();
        db.deleteFrom(RESULT).where(R_MONITOR.eq(id.value())).execute();
        db.deleteFrom(INCIDENT).where(I_MONITOR.eq(id.value())).execute();
        db.deleteFrom(ROLLUP).where(U_MONITOR.eq(id.value())).execute();
        removeFromMaintenance(id);
        db.deleteFrom(JooqMonitorTags.MONITOR_TAG).where(JooqMonitorTags.MT_MONITOR.eq(id.value())).execute();
        events.publishEvent(MonitorEdited.stopped(id.value()));
    }

    @Override
    public Optional<Monitor> find(MonitorId id) {
        return db.selectFrom(MONITOR).where(M_ID.eq(id.value())).fetchOptional().map(this::toMonitor);
    }

    @Override
    public List<MonitorSummary> list(@Nullable String search, @Nullable String tag, int offset, int limit) {
        return db.select().from(MONITOR).leftJoin(STATUS).on(S_MONITOR.eq(M_ID)).where(matching(search, tag))
                .orderBy(M_NAME_KEY, M_ID).offset(Math.max(0, offset)).limit(Math.max(1, Math.min(limit, 500)))
                .fetch(row -> new MonitorSummary(toMonitor(row), toStatus(row)));
    }

    @Override
    public int count(@Nullable String search, @Nullable String tag) {
        return db.fetchCount(db.select(M_ID).from(MONITOR).where(matching(search, tag)));
    }

    private static Condition matching(@Nullable String search, @Nullable String tag) {
        Condition condition = DSL.noCondition();
        if (search != null && !search.isBlank()) {
            String needle = search.strip().toLowerCase(Locale.ROOT);
            condition = M_NAME_KEY.contains(needle).or(DSL.lower(M_TARGET).contains(needle)).or(JooqMonitorTags.tagContains(M_ID, needle));
        }
        if (tag != null && !tag.isBlank()) {
            condition = condition.and(JooqMonitorTags.carrying(M_ID, tag));
        }
        return condition;
    }

    @Override
    @Transactional
    public void pause(MonitorId id) {
        setActive(id, false);
    }

    @Override
    @Transactional
    public void resume(MonitorId id) {
        setActive(id, true);
    }

    private void setActive(MonitorId id, boolean active) {
        Monitor monitor = get(id);
        db.update(MONITOR).set(M_ACTIVE, active).set(M_UPDATED_AT, Math.max(clock.millis(), monitor.updatedAt().toEpochMilli() + 1))
                .where(M_ID.eq(id.value())).execute();
        events.publishEvent(active ? new MonitorEdited(id.value(), true) : MonitorEdited.stopped(id.value()));
    }

    @Override
    public MonitorStatus status(MonitorId id) {
        Monitor monitor = get(id);
        Record row = db.selectFrom(STATUS).where(S_MONITOR.eq(id.value())).fetchOne();
        MonitorStatus status = row == null ? new MonitorStatus(MonitorState.PENDING, null, null, null, null) : toStatus(row);
        return monitor.active() ? status : new MonitorStatus(status.state(), status.since(), status.lastCheck(), status.responseMillis(), "paused");
    }

    @Override
    public List<Incident> incidents(MonitorId id, int limit) {
        return db.selectFrom(INCIDENT).where(I_MONITOR.eq(id.value())).orderBy(I_START.desc()).limit(limit)
                .fetch(row -> new Incident(row.get(I_ID), new MonitorId(row.get(I_MONITOR)), Instant.ofEpochMilli(row.get(I_START)),
                        row.get(I_END) == null ? null : Instant.ofEpochMilli(row.get(I_END)), row.get(I_CAUSE)));
    }

    @Override
    public List<CheckRecord> results(MonitorId id, Instant since) {
        return db.selectFrom(RESULT).where(R_MONITOR.eq(id.value())).and(R_AT.ge(since.toEpochMilli())).orderBy(R_AT).limit(10_000)
                .fetch(row -> new CheckRecord(Instant.ofEpochMilli(row.get(R_AT)), MonitorState.valueOf(row.get(R_STATUS)),
                        row.get(R_RESPONSE), row.get(R_MESSAGE)));
    }

    @Override
    public List<Rollup> rollups(MonitorId id, Resolution resolution, Instant since) {
        return db.selectFrom(ROLLUP).where(U_MONITOR.eq(id.value())).and(U_RESOLUTION.eq(resolution.code()))
                .and(U_BUCKET.ge(since.toEpochMilli())).orderBy(U_BUCKET).limit(10_000)
                .fetch(row -> new Rollup(Instant.ofEpochMilli(row.get(U_BUCKET)), row.get(U_UP), row.get(U_DOWN), row.get(U_AVG),
                        row.get(U_MIN), row.get(U_MAX), row.get(U_P95)));
    }

    @Override
    public Uptime uptime(MonitorId id) {
        return uptime(id, clock.instant());
    }

    Uptime uptime(MonitorId id, Instant now) {
        return new Uptime(ratio(id, Resolution.MINUTE, now.minus(Duration.ofDays(1))), ratio(id, Resolution.HOUR, now.minus(Duration.ofDays(7))),
                ratio(id, Resolution.HOUR, now.minus(Duration.ofDays(30))), ratio(id, Resolution.DAY, now.minus(Duration.ofDays(365))));
    }

    private @Nullable Double ratio(MonitorId id, Resolution resolution, Instant since) {
        Record row = db.select(DSL.sum(U_UP), DSL.sum(U_DOWN)).from(ROLLUP).where(U_MONITOR.eq(id.value()))
                .and(U_RESOLUTION.eq(resolution.code())).and(U_BUCKET.ge(since.toEpochMilli())).fetchOne();
        long up = row == null || row.get(0) == null ? 0 : ((Number) row.get(0)).longValue();
        long down = row == null || row.get(1) == null ? 0 : ((Number) row.get(1)).longValue();
        return up + down == 0 ? null : (double) up / (up + down);
    }

    @Override
    public List<@Nullable Boolean> lastDay(MonitorId id, int slots) {
        return lastDay(List.of(id), slots).get(id);
    }

    @Override
    public Map<MonitorId, List<@Nullable Boolean>> lastDay(java.util.Collection<MonitorId> ids, int slots) {
        long now = clock.millis();
        long from = now - Duration.ofDays(1).toMillis();
        long slot = Duration.ofDays(1).toMillis() / slots;
        Map<MonitorId, List<@Nullable Boolean>> bars = new java.util.LinkedHashMap<>();
        for (MonitorId id : ids) {
            List<@Nullable Boolean> empty = new ArrayList<>();
            for (int i = 0; i < slots; i++) {
                empty.add(null);
            }
            bars.put(id, empty);
        }
        if (ids.isEmpty()) {
            return bars;
        }
        // one grouped read for the whole page (was one per row): per monitor and slot, whether any check failed or passed
        var index = DSL.floor(R_AT.minus(DSL.inline(from)).div(DSL.inline(slot))).cast(Long.class);
        var downs = DSL.sum(DSL.when(R_STATUS.in("DOWN", "PENDING"), 1).otherwise(0));
        var ups = DSL.sum(DSL.when(R_STATUS.eq("UP"), 1).otherwise(0));
        db.select(R_MONITOR, index, downs, ups).from(RESULT).where(R_MONITOR.in(ids.stream().map(MonitorId::value).toList()))
                .and(R_AT.ge(from)).groupBy(R_MONITOR, index).fetch()
                .forEach(row -> {
                    List<@Nullable Boolean> bar = bars.get(new MonitorId(row.get(0, String.class)));
                    int at = (int) Math.min(slots - 1, Math.max(0, ((Number) row.get(1)).longValue()));
                    long down = ((Number) row.get(2)).longValue();
                    long up = ((Number) row.get(3)).longValue();
                    bar.set(at, down > 0 ? Boolean.FALSE : up > 0 ? Boolean.TRUE : null);
                });
        return bars;
    }

    @Override
    @Transactional
    public void push(String token, boolean up, @Nullable String message, @Nullable Long pingMillis) {
        String id = db.select(M_ID).from(MONITOR).where(M_PUSH_TOKEN.eq(token)).fetchOne(M_ID);
        if (id == null) {
            throw new NoSuchMonitorException("with this push token");
        }
        long now = clock.millis();
        String text = message == null || message.isBlank() ? null : message.strip().length() > 250 ? message.strip().substring(0, 250) : message.strip();
        Long ping = pingMillis == null ? null : Math.max(0, Math.min(pingMillis, Integer.MAX_VALUE));
        db.insertInto(STATUS).set(S_MONITOR, id).set(S_STATE, MonitorState.PENDING.name()).set(S_FAILURES, 0).set(S_LAST_PUSH, now)
                .set(S_LAST_PUSH_UP, up).set(S_LAST_PUSH_MESSAGE, text).set(S_LAST_PUSH_PING, ping)
                .onConflict(S_MONITOR).doUpdate().set(S_LAST_PUSH, now).set(S_LAST_PUSH_UP, up).set(S_LAST_PUSH_MESSAGE, text)
                .set(S_LAST_PUSH_PING, ping).execute();
        events.publishEvent(new MonitorEdited(id, true));
    }

    @Override
    @Transactional
    public MaintenanceWindow addMaintenance(MaintenanceWindow window) {
        checkMaintenance(window);
        String id = UUID.randomUUID().toString();
        db.insertInto(MAINTENANCE).set(W_ID, id).set(maintenanceFields(window)).execute();
        insertMaintenanceMonitors(id, window.monitors());
        events.publishEvent(new MonitorEdited("", false));
        return window.withId(id);
    }

    @Override
    @Transactional
    public MaintenanceWindow replaceMaintenance(String id, MaintenanceWindow window) {
        checkMaintenance(window);
        if (db.update(MAINTENANCE).set(maintenanceFields(window)).where(W_ID.eq(id)).execute() == 0) {
            throw new NoSuchMonitorException("maintenance window " + id);
        }
        db.deleteFrom(MAINTENANCE_MONITOR).where(WM_WINDOW.eq(id)).execute();
        insertMaintenanceMonitors(id, window.monitors());
        events.publishEvent(new MonitorEdited("", false));
        return window.withId(id);
    }

    private void insertMaintenanceMonitors(String window, List<MonitorId> monitors) {
        if (monitors.isEmpty()) {
            return;
        }
        var insert = db.insertInto(MAINTENANCE_MONITOR, WM_WINDOW, WM_MONITOR, WM_POSITION);
        for (int i = 0; i < monitors.size(); i++) {
            insert = insert.values(window, monitors.get(i).value(), i);
        }
        insert.execute();
    }

    /**
     * A deleted monitor leaves the windows that list it; a window that listed only deleted monitors goes too (with no
     * monitor left it would cover every monitor).
     */
    private void removeFromMaintenance(MonitorId id) {
        List<String> windows = db.select(WM_WINDOW).from(MAINTENANCE_MONITOR).where(WM_MONITOR.eq(id.value())).fetch(WM_WINDOW);
        if (windows.isEmpty()) {
            return;
        }
        db.deleteFrom(MAINTENANCE_MONITOR).where(WM_MONITOR.eq(id.value())).execute();
        List<String> emptied = windows.stream().filter(w -> !db.fetchExists(MAINTENANCE_MONITOR, WM_WINDOW.eq(w))).toList();
        db.deleteFrom(MAINTENANCE).where(W_ID.in(emptied)).execute();
    }

    /** The most monitors one window lists; more are covered by a group or by "every monitor". */
    static final int MAX_WINDOW_MONITORS = 500;

    private void checkMaintenance(MaintenanceWindow window) {
        FieldErrors errors = new FieldErrors();
        if (window.title().isBlank() || window.title().length() > 200) {
            errors.add("title", "a title of 1 to 200 characters is required");
        }
        if (window.monitors().size() > MAX_WINDOW_MONITORS) {
            errors.add("monitors", "at most " + MAX_WINDOW_MONITORS + " monitors; list their group instead");
        } else {
            Set<String> known = new java.util.HashSet<>(db.select(M_ID).from(MONITOR)
                    .where(M_ID.in(window.monitors().stream().map(MonitorId::value).toList())).fetch(M_ID));
            for (int i = 0; i < window.monitors().size(); i++) {
                if (!known.contains(window.monitors().get(i).value())) {
                    errors.add("monitors[" + i + "]", "no such monitor");
                } else if (window.monitors().indexOf(window.monitors().get(i)) < i) {
                    errors.add("monitors[" + i + "]", "listed twice");
                }
            }
        }
        if (window.weekly() ? window.at() == null || window.length() == null || window.length().isNegative() || window.length().isZero()
                : window.start() == null || window.end() == null || !window.end().isAfter(window.start())) {
            errors.add(window.weekly() ? "length" : "end", window.weekly() ? "a start time and a positive length are required"
                    : "a start and a later end are required");
        }
        if (!errors.isEmpty()) {
            throw new InvalidMonitorException(errors.ordered());
        }
    }

    private static Map<org.jooq.Field<?>, @Nullable Object> maintenanceFields(MaintenanceWindow window) {
        Map<org.jooq.Field<?>, @Nullable Object> fields = new LinkedHashMap<>();
        fields.put(W_MONITOR, null);
        fields.put(W_TITLE, window.title());
        fields.put(W_START, window.start() == null ? null : window.start().toEpochMilli());
        fields.put(W_END, window.end() == null ? null : window.end().toEpochMilli());
        fields.put(W_DAYS, window.days().isEmpty() ? null
                : window.days().stream().map(d -> String.valueOf(d.getValue())).sorted().collect(Collectors.joining(",")));
        fields.put(W_AT, window.at() == null ? null : window.at().toSecondOfDay() / 60);
        fields.put(W_LENGTH, window.length() == null ? null : window.length().toMillis());
        fields.put(W_ZONE, window.zone().getId());
        return fields;
    }

    @Override
    public List<MaintenanceWindow> maintenance() {
        Map<String, List<MonitorId>> listed = new HashMap<>();
        db.select(WM_WINDOW, WM_MONITOR).from(MAINTENANCE_MONITOR).orderBy(WM_WINDOW, WM_POSITION)
                .forEach(row -> listed.computeIfAbsent(row.get(WM_WINDOW), w -> new ArrayList<>()).add(new MonitorId(row.get(WM_MONITOR))));
        return db.selectFrom(MAINTENANCE).orderBy(W_TITLE).fetch(row -> new MaintenanceWindow(row.get(W_ID),
                listed.getOrDefault(row.get(W_ID), List.of()), row.get(W_TITLE),
                row.get(W_START) == null ? null : Instant.ofEpochMilli(row.get(W_START)),
                row.get(W_END) == null ? null : Instant.ofEpochMilli(row.get(W_END)),
                row.get(W_DAYS) == null ? Set.of() : Arrays.stream(row.get(W_DAYS).split(",")).map(d -> DayOfWeek.of(Integer.parseInt(d))).collect(Collectors.toSet()),
                row.get(W_AT) == null ? null : LocalTime.ofSecondOfDay(row.get(W_AT) * 60L),
                row.get(W_LENGTH) == null ? null : Duration.ofMillis(row.get(W_LENGTH)), ZoneId.of(row.get(W_ZONE))));
    }

    @Override
    @Transactional
    public void removeMaintenance(String id) {
        db.deleteFrom(MAINTENANCE_MONITOR).where(WM_WINDOW.eq(id)).execute();
        db.deleteFrom(MAINTENANCE).where(W_ID.eq(id)).execute();
        events.publishEvent(new MonitorEdited("", false));
    }

    // --- for the scheduler

    /** Every active monitor's id and last change (epoch ms): cheap enough to read every few seconds at 10,000 monitors. */
    Map<String, Long> activeVersions() {
        Map<String, Long> versions = new java.util.HashMap<>();
        db.select(M_ID, M_UPDATED_AT).from(MONITOR).where(M_ACTIVE.isTrue()).fetch().forEach(row -> versions.put(row.value1(), row.value2()));
        return versions;
    }

    /** Every paused monitor's id and last change (epoch ms), as {@link #activeVersions} for the active ones. */
    Map<String, Long> pausedVersions() {
        Map<String, Long> versions = new java.util.HashMap<>();
        db.select(M_ID, M_UPDATED_AT).from(MONITOR).where(M_ACTIVE.isFalse()).fetch().forEach(row -> versions.put(row.value1(), row.value2()));
        return versions;
    }

    /** Every paused monitor with its last status. */
    List<MonitorSummary> paused() {
        return db.select().from(MONITOR).leftJoin(STATUS).on(S_MONITOR.eq(M_ID)).where(M_ACTIVE.isFalse())
                .fetch(row -> new MonitorSummary(toMonitor(row), toStatus(row)));
    }

    /** The status of each of these monitors as last written; PENDING for one never checked. */
    Map<String, MonitorStatus> statuses(List<String> monitorIds) {
        Map<String, MonitorStatus> statuses = new HashMap<>();
        monitorIds.forEach(id -> statuses.put(id, new MonitorStatus(MonitorState.PENDING, null, null, null, null)));
        db.selectFrom(STATUS).where(S_MONITOR.in(monitorIds)).forEach(row -> statuses.put(row.get(S_MONITOR), toStatus(row)));
        return statuses;
    }

    /** The state machine of a monitor as last written, or a fresh one. */
    Tracker tracker(String monitorId) {
        Tracker tracker = new Tracker();
        Record row = db.selectFrom(STATUS).where(S_MONITOR.eq(monitorId)).fetchOne();
        if (row != null && row.get(S_LAST_CHECK) != null) {
            tracker.state = MonitorState.valueOf(row.get(S_STATE));
            tracker.since = instant(row.get(S_SINCE));
            tracker.failures = row.get(S_FAILURES);
            tracker.downSince = instant(row.get(S_DOWN_SINCE));
            tracker.lastNotified = instant(row.get(S_LAST_NOTIFIED));
            tracker.incidentId = row.get(S_INCIDENT);
        }
        return tracker;
    }

    /** When the push URL was last called; before the first call, when the monitor was last saved (silence counts from then). */
    CheckRequest.Push lastPush(Monitor monitor) {
        Record row = db.select(S_LAST_PUSH, S_LAST_PUSH_UP, S_LAST_PUSH_MESSAGE, S_LAST_PUSH_PING).from(STATUS)
                .where(S_MONITOR.eq(monitor.id().value())).fetchOne();
        if (row == null || row.get(S_LAST_PUSH) == null) {
            return new CheckRequest.Push(monitor.updatedAt(), true, null, null);
        }
        return new CheckRequest.Push(Instant.ofEpochMilli(row.get(S_LAST_PUSH)), !Boolean.FALSE.equals(row.get(S_LAST_PUSH_UP)),
                row.get(S_LAST_PUSH_MESSAGE), row.get(S_LAST_PUSH_PING));
    }

    /** The states of a group's active children by id. */
    Map<String, MonitorState> children(String groupId) {
        Map<String, MonitorState> states = new LinkedHashMap<>();
        db.select(M_ID, S_STATE).from(MONITOR).leftJoin(STATUS).on(S_MONITOR.eq(M_ID)).where(M_PARENT.eq(groupId)).and(M_ACTIVE.isTrue())
                .fetch().forEach(row -> states.put(row.get(M_ID), row.get(S_STATE) == null ? MonitorState.PENDING : MonitorState.valueOf(row.get(S_STATE))));
        return states;
    }

    // --- validation and mapping

    private record Valid(String name, String type, Map<String, Object> config, String target, long interval, long timeout,
            int retries, long retryInterval, long resendInterval, boolean upsideDown, @Nullable String parent) {}

    private Valid validate(MonitorDraft draft, @Nullable MonitorId self) {
        FieldErrors errors = new FieldErrors();
        String name = draft.name() == null ? "" : draft.name().strip();
        if (name.isEmpty() || name.length() > 200) {
            errors.add("name", "a name of 1 to 200 characters is required");
        }
        String type = draft.type() == null ? "" : draft.type().strip().toLowerCase(Locale.ROOT);
        Optional<Check> check = checks.find(type);
        if (check.isEmpty()) {
            errors.add("type", "one of " + String.join(", ", checks.types()));
        }
        CheckConfig config = CheckConfig.of(draft.config() == null ? Map.of() : draft.config());
        check.ifPresent(c -> c.validate(config, errors));
        long min = Math.max(1, settings.minInterval().toSeconds());
        long interval = draft.interval() == null ? Math.max(60, min) : draft.interval();
        if (interval < min || interval > MAX_INTERVAL_SECONDS) {
            errors.add("interval", "seconds from " + min + " to " + MAX_INTERVAL_SECONDS);
        }
        long timeout = draft.timeout() == null ? Math.max(1, Math.min(30, interval * 8 / 10)) : draft.timeout();
        if (timeout < 1 || timeout > Math.max(1, interval)) {
            errors.add("timeout", "seconds from 1 to the interval (" + interval + ")");
        }
        int retries = draft.retries() == null ? 0 : draft.retries();
        if (retries < 0 || retries > 100) {
            errors.add("retries", "a whole number from 0 to 100");
        }
        long retryInterval = draft.retryInterval() == null ? interval : draft.retryInterval();
        if (draft.retryInterval() != null && (retryInterval < min || retryInterval > MAX_INTERVAL_SECONDS)) {
            errors.add("retryInterval", "seconds from " + min + " to " + MAX_INTERVAL_SECONDS);
        }
        long resend = draft.resendInterval() == null ? 0 : draft.resendInterval();
        if (resend < 0 || resend > MAX_INTERVAL_SECONDS) {
            errors.add("resendInterval", "seconds from 0 (never) to " + MAX_INTERVAL_SECONDS);
        }
        String parent = draft.parent() == null || draft.parent().isBlank() ? null : draft.parent().strip();
        if (parent != null) {
            Record row = parent.matches("[0-9a-f-]{1,36}") ? db.select(M_TYPE).from(MONITOR).where(M_ID.eq(parent)).fetchOne() : null;
            if (row == null || !"group".equals(row.get(M_TYPE))) {
                errors.add("parent", "no group monitor with this id");
            } else if (self != null && parent.equals(self.value())) {
                errors.add("parent", "a monitor cannot be its own group");
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidMonitorException(errors.ordered());
        }
        return new Valid(name, type, config.values(), check.orElseThrow().target(config), interval, timeout, retries, retryInterval,
                resend, Boolean.TRUE.equals(draft.upsideDown()), parent);
    }

    private static Map<org.jooq.Field<?>, Object> fields(Valid valid) {
        Map<org.jooq.Field<?>, Object> fields = new LinkedHashMap<>();
        fields.put(M_NAME, valid.name);
        fields.put(M_NAME_KEY, valid.name.toLowerCase(Locale.ROOT));
        fields.put(M_TYPE, valid.type);
        fields.put(M_TARGET, valid.target.length() > 2000 ? valid.target.substring(0, 2000) : valid.target);
        fields.put(M_CONFIG, JSON.writeValueAsString(valid.config));
        fields.put(M_INTERVAL, valid.interval * 1000);
        fields.put(M_TIMEOUT, valid.timeout * 1000);
        fields.put(M_RETRIES, valid.retries);
        fields.put(M_RETRY_INTERVAL, valid.retryInterval * 1000);
        fields.put(M_RESEND_INTERVAL, valid.resendInterval * 1000);
        fields.put(M_UPSIDE_DOWN, valid.upsideDown);
        fields.put(M_PARENT, valid.parent);
        return fields;
    }

    private Monitor toMonitor(Record row) {
        Map<String, Object> config = JSON.readValue(row.get(M_CONFIG), new TypeReference<Map<String, Object>>() {});
        return new Monitor(new MonitorId(row.get(M_ID)), row.get(M_NAME), row.get(M_TYPE), CheckConfig.of(config), row.get(M_TARGET),
                Duration.ofMillis(row.get(M_INTERVAL)), Duration.ofMillis(row.get(M_TIMEOUT)), row.get(M_RETRIES),
                Duration.ofMillis(row.get(M_RETRY_INTERVAL)), Duration.ofMillis(row.get(M_RESEND_INTERVAL)),
                Boolean.TRUE.equals(row.get(M_UPSIDE_DOWN)), Boolean.TRUE.equals(row.get(M_ACTIVE)),
                row.get(M_PARENT) == null ? null : new MonitorId(row.get(M_PARENT)), row.get(M_PUSH_TOKEN),
                Instant.ofEpochMilli(row.get(M_UPDATED_AT)));
    }

    private static MonitorStatus toStatus(Record row) {
        String state = row.get(S_STATE);
        if (state == null || row.get(S_LAST_CHECK) == null) {
            return new MonitorStatus(MonitorState.PENDING, null, null, null, null);
        }
        return new MonitorStatus(MonitorState.valueOf(state), instant(row.get(S_SINCE)), instant(row.get(S_LAST_CHECK)),
                row.get(S_RESPONSE), row.get(S_MESSAGE));
    }

    private static @Nullable Instant instant(@Nullable Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }

    private static String token() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
