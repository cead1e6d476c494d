package dev.holdfast.platform.monitor.notify;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.holdfast.platform.shared.crypto.SecretBox;
import dev.holdfast.platform.shared.database.DatabaseReady;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;

/**
 * The configured channels, which monitors they notify, and the record of deliveries ({@code monitor_notification_*},
 * {@code monitor_channel_subscription}). Settings are checked against their type's schema on every change.
 */
@Component
class Channels {

    /** What the API and UI show in place of a secret setting's value. */
    static final String MASK = "********";
    private static final java.util.regex.Pattern MONITOR_ID = java.util.regex.Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    static final Table<Record> CHANNEL = table(name("monitor_notification_channel"));
    static final Field<String> ID = field(name("id"), String.class);
    static final Field<String> NAME = field(name("name"), String.class);
    static final Field<String> TYPE = field(name("type"), String.class);
    static final Field<String> SETTINGS = field(name("settings"), String.class);
    static final Field<Boolean> IS_DEFAULT = field(name("is_default"), Boolean.class);
    static final Field<Long> CREATED_AT = field(name("created_at"), Long.class);
    static final Field<Long> UPDATED_AT = field(name("updated_at"), Long.class);

    static final Table<Record> SUBSCRIPTION = table(name("monitor_channel_subscription"));
    static final Field<String> MONITOR_ID_FIELD = field(name("monitor_id"), String.class);
    static final Field<String> CHANNEL_ID = field(name("channel_id"), String.class);

    private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() {};

    private final DSLContext db;
    private final ChannelRegistry registry;
    private final Clock clock;
    private final SecretBox box;

    Channels(DSLContext db, ChannelRegistry registry, Clock clock, SecretBox box) {
        this.db = db;
        this.registry = registry;
        this.clock = clock;
        this.box = box;
    }

    /** Every channel, by name. */
    List<Channel> list() {
        return db.selectFrom(CHANNEL).orderBy(NAME).fetch(this::channel);
    }

    Optional<Channel> find(String id) {
        return Optional.ofNullable(db.selectFrom(CHANNEL).where(ID.eq(id)).fetchOne(this::channel));
    }

    Channel get(String id) {
        return find(id).orElseThrow(() -> new NoSuchChannelException(id));
    }

    /**
     * @throws InvalidChannelException naming each bad field
     * @throws DuplicateChannelNameException when the name is taken
     */
    @Transactional
    Channel create(ChannelInput input) {
        NotificationChannel type = type(input.type());
        String name = name(input.name());
        Map<String, String> settings = registry.check(type, input.settings() == null ? Map.of() : input.settings());
        long now = clock.millis();
        String id = UUID.randomUUID().toString();
        insertOrUpdate(() -> db.insertInto(CHANNEL).set(ID, id).set(NAME, name).set(TYPE, type.type())
                .set(SETTINGS, stored(id, type, settings)).set(IS_DEFAULT, Boolean.TRUE.equals(input.isDefault()))
                .set(CREATED_AT, now).set(UPDATED_AT, now).execute(), name, id);
        return get(id);
    }

    /**
     * Changes name, default flag and settings; the type stays. Absent fields keep their values.
     *
     * @throws NoSuchChannelException, InvalidChannelException, DuplicateChannelNameException
     */
    @Transactional
    Channel update(String id, ChannelInput input) {
        Channel current = get(id);
        if (input.type() != null && !input.type().equals(current.type())) {
            throw new InvalidChannelException(Map.of("type", "the type of a channel cannot change; create a new one"));
        }
        NotificationChannel type = registry.find(current.type()).orElseThrow(() ->
                new InvalidChannelException(Map.of("type", "this Holdfast no longer knows the type " + current.type())));
        String name = input.name() == null ? current.name() : name(input.name());
        Map<String, String> given = new LinkedHashMap<>(input.settings() == null ? current.settings() : input.settings());
        for (ChannelSetting setting : type.settings()) {
            String value = given.get(setting.name());
            if (setting.secret() && (value == null || value.equals(MASK)) && current.settings().containsKey(setting.name())) {
                given.put(setting.name(), current.settings().get(setting.name()));
            }
        }
        Map<String, String> settings = registry.check(type, given);
        boolean isDefault = input.isDefault() == null ? current.isDefault() : input.isDefault();
        insertOrUpdate(() -> db.update(CHANNEL).set(NAME, name).set(SETTINGS, stored(id, type, settings)).set(IS_DEFAULT, isDefault)
                .set(UPDATED_AT, clock.millis()).where(ID.eq(id)).execute(), name, id);
        return get(id);
    }

    /** Deletes the channel and its subscriptions; its deliveries stay in the history. */
    @Transactional
    void delete(String id) {
        if (db.deleteFrom(CHANNEL).where(ID.eq(id)).execute() == 0) {
            throw new NoSuchChannelException(id);
        }
        db.deleteFrom(SUBSCRIPTION).where(CHANNEL_ID.eq(id)).execute();
    }

    /** Subscribes the monitor to the channel; idempotent. @return false if it already was */
    @Transactional
    boolean subscribe(String monitorId, String channelId) {
        checkMonitorId(monitorId);
        get(channelId);
        if (db.fetchExists(SUBSCRIPTION, MONITOR_ID_FIELD.eq(monitorId).and(CHANNEL_ID.eq(channelId)))) {
            return false;
        }
        db.insertInto(SUBSCRIPTION).set(MONITOR_ID_FIELD, monitorId).set(CHANNEL_ID, channelId)
                .set(CREATED_AT, clock.millis()).execute();
        return true;
    }

    /** @return false if the monitor was not subscribed */
    @Transactional
    boolean unsubscribe(String monitorId, String channelId) {
        checkMonitorId(monitorId);
        return db.deleteFrom(SUBSCRIPTION).where(MONITOR_ID_FIELD.eq(monitorId).and(CHANNEL_ID.eq(channelId))).execute() > 0;
    }

    /** The channels the monitor subscribed to itself, by name. */
    List<Channel> subscribed(String monitorId) {
        return db.selectFrom(CHANNEL).where(ID.in(db.select(CHANNEL_ID).from(SUBSCRIPTION).where(MONITOR_ID_FIELD.eq(monitorId))))
                .orderBy(NAME).fetch(this::channel);
    }

    /** Where the monitor's notifications go: its own channels, or the default channels when it has none. */
    List<Channel> notifying(String monitorId) {
        List<Channel> own = subscribed(monitorId);
        return own.isEmpty() ? db.selectFrom(CHANNEL).where(IS_DEFAULT.isTrue()).orderBy(NAME).fetch(this::channel) : own;
    }

    /** The settings as they may be shown: each secret that is set replaced by {@link #MASK}. */
    Map<String, String> masked(Channel channel) {
        Map<String, String> shown = new LinkedHashMap<>(channel.settings());
        registry.find(channel.type()).ifPresent(type -> type.settings().stream().filter(ChannelSetting::secret)
                .filter(s -> shown.containsKey(s.name())).forEach(s -> shown.put(s.name(), MASK)));
        return shown;
    }

    static void checkMonitorId(String monitorId) {
        if (!MONITOR_ID.matcher(monitorId).matches()) {
            throw new InvalidChannelException(Map.of("monitorId", "a monitor id: 1 to 100 letters, digits, '.', '_', ':' or '-'"));
        }
    }

    private NotificationChannel type(@Nullable String type) {
        if (type == null || type.isBlank()) {
            throw new InvalidChannelException(Map.of("type", "the type is required: one of " + types()));
        }
        return registry.find(type.strip()).orElseThrow(() ->
                new InvalidChannelException(Map.of("type", "unknown type; one of " + types())));
    }

    private String types() {
        return String.join(", ", registry.all().stream().map(NotificationChannel::type).toList());
    }

    private static String name(@Nullable String name) {
        String stripped = name == null ? "" : name.strip();
        if (stripped.isEmpty() || stripped.length() > 100 || stripped.contains("\n") || stripped.contains("\r")) {
            throw new InvalidChannelException(Map.of("name", "a name is required: one line, at most 100 characters"));
        }
        return stripped;
    }

    /** Refuses a taken name; the unique index decides between two requests racing for the same one. */
    private void insertOrUpdate(Runnable write, String name, String id) {
        if (db.fetchExists(CHANNEL, NAME.eq(name).and(ID.ne(id)))) {
            throw new DuplicateChannelNameException(name);
        }
        try {
            write.run();
        } catch (DuplicateKeyException | org.jooq.exception.IntegrityConstraintViolationException e) {
            throw new DuplicateChannelNameException(name);
        }
    }

    /** The settings as stored: each secret sealed by the {@link SecretBox} (AES-GCM), bound to channel and setting. */
    private String stored(String id, NotificationChannel type, Map<String, String> settings) {
        Map<String, String> sealed = new LinkedHashMap<>(settings);
        for (ChannelSetting setting : type.settings()) {
            String value = sealed.get(setting.name());
            if (setting.secret() && value != null && !value.isEmpty() && !SecretBox.isSealed(value)) {
                sealed.put(setting.name(), box.seal(value, purpose(id, setting.name())));
            }
        }
        return HttpSender.JSON.writeValueAsString(sealed);
    }

    private static String purpose(String channelId, String setting) {
        return "monitor.channel:" + channelId + ":" + setting;
    }

    /**
     * Seals the secrets still stored in plain text (written before secrets were encrypted); run once per start,
     * a no-op when there are none.
     */
    @EventListener
    @Transactional
    public void on(DatabaseReady ready) {
        int sealed = 0;
        for (Record row : db.selectFrom(CHANNEL).fetch()) {
            Optional<NotificationChannel> type = registry.find(row.get(TYPE));
            if (type.isEmpty()) {
                continue;
            }
            Map<String, String> raw = HttpSender.JSON.readValue(row.get(SETTINGS), STRINGS);
            boolean plain = type.get().settings().stream().anyMatch(s -> s.secret() && raw.get(s.name()) != null
                    && !raw.get(s.name()).isEmpty() && !SecretBox.isSealed(raw.get(s.name())));
            if (plain) {
                db.update(CHANNEL).set(SETTINGS, stored(row.get(ID), type.get(), raw)).where(ID.eq(row.get(ID))).execute();
                sealed++;
            }
        }
        if (sealed > 0) {
            LoggerFactory.getLogger(Channels.class).info("Encrypted the secrets of {} notification channel(s) stored in plain text", sealed);
        }
    }

    private Channel channel(Record row) {
        Map<String, String> settings = new LinkedHashMap<>(HttpSender.JSON.readValue(row.get(SETTINGS), STRINGS));
        settings.replaceAll((name, value) -> value != null && SecretBox.isSealed(value) ? box.open(value, purpose(row.get(ID), name)) : value);
        return new Channel(row.get(ID), row.get(NAME), row.get(TYPE), settings,
                Boolean.TRUE.equals(row.get(IS_DEFAULT)), Instant.ofEpochMilli(row.get(CREATED_AT)),
                Instant.ofEpochMilli(row.get(UPDATED_AT)));
    }
}
