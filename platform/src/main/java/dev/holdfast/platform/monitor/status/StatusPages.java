package dev.holdfast.platform.monitor.status;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.holdfast.platform.monitor.InvalidMonitorException;
import dev.holdfast.platform.monitor.Monitor.MonitorId;
import dev.holdfast.platform.monitor.Monitors;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import dev.holdfast.objectstore.Content;
import dev.holdfast.objectstore.NoSuchObjectException;
import dev.holdfast.objectstore.ObjectStore;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Status pages, their monitors and incidents in the database (V40__status_pages.sql). */
@Service
class StatusPages {

    static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?");
    private static final Pattern DOMAIN = Pattern.compile(
            "(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]");

    private static final Table<Record> PAGE = table(name("monitor_status_page"));
    private static final Field<String> P_ID = field(name("monitor_status_page", "id"), String.class);
    private static final Field<String> P_SLUG = field(name("monitor_status_page", "slug"), String.class);
    private static final Field<String> P_TITLE = field(name("monitor_status_page", "title"), String.class);
    private static final Field<String> P_DESCRIPTION = field(name("monitor_status_page", "description"), String.class);
    private static final Field<String> P_LOGO = field(name("monitor_status_page", "logo_url"), String.class);
    private static final Field<String> P_LOGO_TYPE = field(name("monitor_status_page", "logo_type"), String.class);
    private static final Field<String> P_DOMAIN = field(name("monitor_status_page", "domain"), String.class);
    private static final Field<Long> P_UPDATED = field(name("monitor_status_page", "updated_at"), Long.class);

    private static final Table<Record> SHOWN = table(name("monitor_status_page_monitor"));
    private static final Field<String> G_PAGE = field(name("monitor_status_page_monitor", "page_id"), String.class);
    private static final Field<Integer> G_POSITION = field(name("monitor_status_page_monitor", "group_position"), Integer.class);
    private static final Field<String> G_NAME = field(name("monitor_status_page_monitor", "group_name"), String.class);
    private static final Field<Integer> G_MONITOR_POSITION = field(name("monitor_status_page_monitor", "position"), Integer.class);
    private static final Field<String> G_MONITOR = field(name("monitor_status_page_monitor", "monitor_id"), String.class);

    private static final Table<Record> INCIDENT = table(name("monitor_status_incident"));
    private static final Field<String> I_ID = field(name("monitor_status_incident", "id"), String.class);
    private static final Field<String> I_PAGE = field(name("monitor_status_incident", "page_id"), String.class);
    private static final Field<String> I_TITLE = field(name("monitor_status_incident", "title"), String.class);
    private static final Field<String> I_STATE = field(name("monitor_status_incident", "state"), String.class);
    private static final Field<Long> I_CREATED = field(name("monitor_status_incident", "created_at"), Long.class);
    private static final Field<Long> I_UPDATED = field(name("monitor_status_incident", "updated_at"), Long.class);

    private static final Table<Record> UPDATE = table(name("monitor_status_incident_update"));
    private static final Field<String> N_ID = field(name("monitor_status_incident_update", "id"), String.class);
    private static final Field<String> N_INCIDENT = field(name("monitor_status_incident_update", "incident_id"), String.class);
    private static final Field<String> N_STATE = field(name("monitor_status_incident_update", "state"), String.class);
    private static final Field<String> N_BODY = field(name("monitor_status_incident_update", "body"), String.class);
    private static final Field<Long> N_CREATED = field(name("monitor_status_incident_update", "created_at"), Long.class);

    /** How long a node trusts its copy of the domain table (other nodes' changes show up within this). */
    private static final long DOMAIN_CACHE_MILLIS = 10_000;

    private final DSLContext db;
    private final Clock clock;
    private final Monitors monitors;
    private final ObjectStore objects;
    private volatile Map<String, String> domains = Map.of();
    private volatile long domainsLoadedAt = 0L;

    StatusPages(DSLContext db, Clock clock, Monitors monitors, ObjectStore objects) {
        this.db = db;
        this.clock = clock;
        this.monitors = monitors;
        this.objects = objects;
    }

    /** Media types a logo upload may have, and the largest one accepted. */
    static final java.util.Set<String> LOGO_TYPES = java.util.Set.of("image/png", "image/jpeg", "image/webp", "image/gif", "image/svg+xml");
    static final int MAX_LOGO_BYTES = 60 * 1024;

    /** Stores an uploaded logo in the object store; it replaces a logo URL. */
    @Transactional
    StatusPage uploadLogo(String id, @Nullable String contentType, byte[] bytes) {
        get(id);
        String type = contentType == null ? "" : contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        Map<String, String> errors = new LinkedHashMap<>();
        if (!LOGO_TYPES.contains(type)) {
            errors.put("logo", "a PNG, JPEG, WebP, GIF or SVG image (Content-Type)");
        } else if (bytes.length == 0 || bytes.length > MAX_LOGO_BYTES) {
            errors.put("logo", "an image of 1 byte to " + MAX_LOGO_BYTES / 1024 + " KiB");
        }
        if (!errors.isEmpty()) {
            throw new InvalidMonitorException(errors);
        }
        objects.put(logoKey(id), Content.of(bytes));
        db.update(PAGE).set(P_LOGO_TYPE, type).setNull(P_LOGO).set(P_UPDATED, clock.millis()).where(P_ID.eq(id)).execute();
        return get(id);
    }

    /** An uploaded logo's bytes, or empty when the page has none. */
    Optional<byte[]> logo(StatusPage page) {
        if (page.logoType() == null) {
            return Optional.empty();
        }
        try (java.io.InputStream in = objects.get(logoKey(page.id()))) {
            return Optional.of(in.readAllBytes());
        } catch (NoSuchObjectException e) {
            return Optional.empty();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String logoKey(String pageId) {
        return "monitor/status-pages/" + pageId + "/logo";
    }

    @Transactional
    StatusPage create(StatusPageDraft draft) {
        Valid valid = validate(draft, null);
        String id = UUID.randomUUID().toString();
        db.insertInto(PAGE).set(P_ID, id).set(fields(valid)).set(P_UPDATED, clock.millis()).execute();
        writeGroups(id, valid.groups);
        domainsLoadedAt = 0L;
        return get(id);
    }

    @Transactional
    StatusPage update(String id, StatusPageDraft draft) {
        StatusPage existing = get(id);
        Valid valid = validate(draft, id);
        db.update(PAGE).set(fields(valid)).set(P_UPDATED, Math.max(clock.millis(), existing.updatedAt().toEpochMilli() + 1))
                .where(P_ID.eq(id)).execute();
        db.deleteFrom(SHOWN).where(G_PAGE.eq(id)).execute();
        writeGroups(id, valid.groups);
        domainsLoadedAt = 0L;
        return get(id);
    }

    @Transactional
    void delete(String id) {
        get(id);
        db.deleteFrom(UPDATE).where(N_INCIDENT.in(db.select(I_ID).from(INCIDENT).where(I_PAGE.eq(id)))).execute();
        db.deleteFrom(INCIDENT).where(I_PAGE.eq(id)).execute();
        db.deleteFrom(SHOWN).where(G_PAGE.eq(id)).execute();
        db.deleteFrom(PAGE).where(P_ID.eq(id)).execute();
        try {
            objects.delete(logoKey(id));
        } catch (NoSuchObjectException e) {
            // no uploaded logo
        }
        domainsLoadedAt = 0L;
    }

    List<StatusPage> list() {
        return db.selectFrom(PAGE).orderBy(P_SLUG).fetch(this::toPage);
    }

    Optional<StatusPage> find(String id) {
        return db.selectFrom(PAGE).where(P_ID.eq(id)).fetchOptional().map(this::toPage);
    }

    StatusPage get(String id) {
        return find(id).orElseThrow(() -> new NoSuchStatusPageException(id));
    }

    Optional<StatusPage> bySlug(String slug) {
        return db.selectFrom(PAGE).where(P_SLUG.eq(slug)).fetchOptional().map(this::toPage);
    }

    /** The slug of the page whose domain is this host (case-insensitive, without port), from a short-lived cache. */
    Optional<String> slugForHost(@Nullable String host) {
        if (host == null || host.isEmpty()) {
            return Optional.empty();
        }
        String bare = host.toLowerCase(Locale.ROOT);
        int colon = bare.lastIndexOf(':');
        if (colon > 0 && !bare.endsWith("]")) {
            bare = bare.substring(0, colon);
        }
        long now = clock.millis();
        if (now - domainsLoadedAt > DOMAIN_CACHE_MILLIS || now < domainsLoadedAt) {
            Map<String, String> loaded = new HashMap<>();
            db.select(P_DOMAIN, P_SLUG).from(PAGE).where(P_DOMAIN.isNotNull()).fetch().forEach(row -> loaded.put(row.get(P_DOMAIN), row.get(P_SLUG)));
            domains = Map.copyOf(loaded);
            domainsLoadedAt = now;
        }
        return Optional.ofNullable(domains.get(bare));
    }

    /** Whether a monitor is shown on some status page (and so its badges are public). */
    boolean isPublic(MonitorId monitor) {
        return db.fetchExists(db.selectOne().from(SHOWN).where(G_MONITOR.eq(monitor.value())));
    }

    /** Every monitor id shown on some status page. */
    List<String> publicMonitors() {
        return db.selectDistinct(G_MONITOR).from(SHOWN).fetch(G_MONITOR);
    }

    // --- incidents

    @Transactional
    StatusIncident postIncident(String pageId, @Nullable String title, @Nullable String state, @Nullable String body) {
        get(pageId);
        Map<String, String> errors = new LinkedHashMap<>();
        String cleanTitle = title == null ? "" : title.strip();
        if (cleanTitle.isEmpty() || cleanTitle.length() > 200) {
            errors.put("title", "a title of 1 to 200 characters is required");
        }
        StatusIncident.State parsed = state(state, errors);
        String cleanBody = body(body, errors);
        if (!errors.isEmpty()) {
            throw new InvalidMonitorException(errors);
        }
        String id = UUID.randomUUID().toString();
        long now = clock.millis();
        db.insertInto(INCIDENT).set(I_ID, id).set(I_PAGE, pageId).set(I_TITLE, cleanTitle).set(I_STATE, parsed.name())
                .set(I_CREATED, now).set(I_UPDATED, now).execute();
        insertUpdate(id, parsed, cleanBody, now);
        touch(pageId);
        return incident(id);
    }

    @Transactional
    StatusIncident addUpdate(String incidentId, @Nullable String state, @Nullable String body) {
        StatusIncident incident = incident(incidentId);
        Map<String, String> errors = new LinkedHashMap<>();
        StatusIncident.State parsed = state(state, errors);
        String cleanBody = body(body, errors);
        if (!errors.isEmpty()) {
            throw new InvalidMonitorException(errors);
        }
        long now = Math.max(clock.millis(), incident.updatedAt().toEpochMilli() + 1);
        insertUpdate(incidentId, parsed, cleanBody, now);
        db.update(INCIDENT).set(I_STATE, parsed.name()).set(I_UPDATED, now).where(I_ID.eq(incidentId)).execute();
        touch(incident.pageId());
        return incident(incidentId);
    }

    @Transactional
    void deleteIncident(String incidentId) {
        StatusIncident incident = incident(incidentId);
        db.deleteFrom(UPDATE).where(N_INCIDENT.eq(incidentId)).execute();
        db.deleteFrom(INCIDENT).where(I_ID.eq(incidentId)).execute();
        touch(incident.pageId());
    }

    StatusIncident incident(String id) {
        Record row = db.selectFrom(INCIDENT).where(I_ID.eq(id)).fetchOne();
        if (row == null) {
            throw new NoSuchStatusPageException("incident " + id);
        }
        return toIncident(row);
    }

    /** A page's incidents, newest first: every unresolved one and those resolved since {@code since}. */
    List<StatusIncident> incidents(String pageId, Instant since) {
        return db.selectFrom(INCIDENT).where(I_PAGE.eq(pageId))
                .and(I_STATE.ne(StatusIncident.State.RESOLVED.name()).or(I_UPDATED.ge(since.toEpochMilli())))
                .orderBy(I_CREATED.desc()).limit(100).fetch(this::toIncident);
    }

    private void insertUpdate(String incidentId, StatusIncident.State state, String body, long at) {
        db.insertInto(UPDATE).set(N_ID, UUID.randomUUID().toString()).set(N_INCIDENT, incidentId).set(N_STATE, state.name())
                .set(N_BODY, body).set(N_CREATED, at).execute();
    }

    private void touch(String pageId) {
        db.update(PAGE).set(P_UPDATED, clock.millis()).where(P_ID.eq(pageId)).execute();
    }

    private static StatusIncident.State state(@Nullable String state, Map<String, String> errors) {
        try {
            return StatusIncident.State.valueOf((state == null ? "" : state.strip()).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.put("state", "one of investigating, identified, monitoring, resolved");
            return StatusIncident.State.INVESTIGATING;
        }
    }

    private static String body(@Nullable String body, Map<String, String> errors) {
        String clean = body == null ? "" : body.strip();
        if (clean.isEmpty() || clean.length() > 5000) {
            errors.put("body", "a text of 1 to 5000 characters is required");
        }
        return clean;
    }

    private StatusIncident toIncident(Record row) {
        List<StatusIncident.Update> updates = db.selectFrom(UPDATE).where(N_INCIDENT.eq(row.get(I_ID))).orderBy(N_CREATED.desc())
                .fetch(u -> new StatusIncident.Update(u.get(N_ID), StatusIncident.State.valueOf(u.get(N_STATE)), u.get(N_BODY),
                        Instant.ofEpochMilli(u.get(N_CREATED))));
        return new StatusIncident(row.get(I_ID), row.get(I_PAGE), row.get(I_TITLE), StatusIncident.State.valueOf(row.get(I_STATE)),
                Instant.ofEpochMilli(row.get(I_CREATED)), Instant.ofEpochMilli(row.get(I_UPDATED)), updates);
    }

    // --- validation and mapping

    private record Valid(String slug, String title, String description, @Nullable String logoUrl, @Nullable String domain,
            List<StatusPage.Group> groups) {}

    /** Checks a draft; {@code monitorIds} may be resolved by the caller already. */
    private Valid validate(StatusPageDraft draft, @Nullable String self) {
        Map<String, String> errors = new LinkedHashMap<>();
        String slug = draft.slug() == null ? "" : draft.slug().strip();
        if (!SLUG.matcher(slug).matches()) {
            errors.put("slug", "1 to 64 lower-case letters, digits and inner dashes, like my-status");
        } else if (db.fetchExists(db.selectOne().from(PAGE).where(P_SLUG.eq(slug)).and(self == null ? P_ID.isNotNull() : P_ID.ne(self)))) {
            errors.put("slug", "another status page has this slug");
        }
        String title = draft.title() == null ? "" : draft.title().strip();
        if (title.isEmpty() || title.length() > 200) {
            errors.put("title", "a title of 1 to 200 characters is required");
        }
        String description = draft.description() == null ? "" : draft.description().strip();
        if (description.length() > 2000) {
            errors.put("description", "at most 2000 characters");
        }
        String logo = blankToNull(draft.logoUrl());
        if (logo != null && !httpUrl(logo)) {
            errors.put("logoUrl", "an absolute http or https URL");
        }
        String domain = blankToNull(draft.domain());
        if (domain != null) {
            domain = domain.toLowerCase(Locale.ROOT);
            if (domain.endsWith(".")) {
                domain = domain.substring(0, domain.length() - 1);
            }
            if (!DOMAIN.matcher(domain).matches()) {
                errors.put("domain", "a host name like status.example.com (no scheme, port or path)");
            } else if (db.fetchExists(db.selectOne().from(PAGE).where(P_DOMAIN.eq(domain)).and(self == null ? P_ID.isNotNull() : P_ID.ne(self)))) {
                errors.put("domain", "another status page has this domain");
            }
        }
        List<StatusPage.Group> groups = new ArrayList<>();
        List<StatusPageDraft.GroupDraft> drafts = draft.groups() == null ? List.of() : draft.groups();
        if (drafts.size() > 50) {
            errors.put("groups", "at most 50 groups");
        }
        for (int g = 0; g < drafts.size() && g < 50; g++) {
            StatusPageDraft.GroupDraft group = drafts.get(g);
            String name = group == null || group.name() == null ? "" : group.name().strip();
            if (name.isEmpty() || name.length() > 200) {
                errors.put("groups[" + g + "].name", "a name of 1 to 200 characters is required");
            }
            List<String> ids = new ArrayList<>();
            List<String> wanted = group == null || group.monitors() == null ? List.of() : group.monitors();
            if (wanted.size() > 1000) {
                errors.put("groups[" + g + "].monitors", "at most 1000 monitors per group");
                wanted = List.of();
            }
            for (int m = 0; m < wanted.size(); m++) {
                String id = wanted.get(m) == null ? "" : wanted.get(m).strip();
                if (!knownMonitor(id)) {
                    errors.put("groups[" + g + "].monitors[" + m + "]", "no monitor with this id");
                } else if (ids.contains(id)) {
                    errors.put("groups[" + g + "].monitors[" + m + "]", "listed twice in this group");
                } else {
                    ids.add(id);
                }
            }
            groups.add(new StatusPage.Group(name, List.copyOf(ids)));
        }
        if (!errors.isEmpty()) {
            throw new InvalidMonitorException(errors);
        }
        return new Valid(slug, title, description, logo, domain, List.copyOf(groups));
    }

    private boolean knownMonitor(String id) {
        try {
            return monitors.find(new MonitorId(id)).isPresent();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static boolean httpUrl(String value) {
        try {
            URI uri = new URI(value);
            return uri.isAbsolute() && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null && value.length() <= 2000;
        } catch (Exception e) {
            return false;
        }
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static Map<Field<?>, Object> fields(Valid valid) {
        Map<Field<?>, Object> fields = new LinkedHashMap<>();
        fields.put(P_SLUG, valid.slug);
        fields.put(P_TITLE, valid.title);
        fields.put(P_DESCRIPTION, valid.description);
        fields.put(P_LOGO, valid.logoUrl);
        if (valid.logoUrl != null) {
            fields.put(P_LOGO_TYPE, null);
        }
        fields.put(P_DOMAIN, valid.domain);
        return fields;
    }

    private void writeGroups(String pageId, List<StatusPage.Group> groups) {
        for (int g = 0; g < groups.size(); g++) {
            List<String> ids = groups.get(g).monitors();
            for (int m = 0; m < ids.size(); m++) {
                db.insertInto(SHOWN).set(G_PAGE, pageId).set(G_POSITION, g).set(G_NAME, groups.get(g).name()).set(G_MONITOR_POSITION, m)
                        .set(G_MONITOR, ids.get(m)).execute();
            }
            if (ids.isEmpty()) {
                // an empty group still shows its heading: a row without a monitor would break the key, so keep a marker
                db.insertInto(SHOWN).set(G_PAGE, pageId).set(G_POSITION, g).set(G_NAME, groups.get(g).name()).set(G_MONITOR_POSITION, -1)
                        .set(G_MONITOR, "").execute();
            }
        }
    }

    private StatusPage toPage(Record row) {
        Map<Integer, StatusPage.Group> groups = new LinkedHashMap<>();
        db.select(G_POSITION, G_NAME, G_MONITOR).from(SHOWN).where(G_PAGE.eq(row.get(P_ID))).orderBy(G_POSITION, G_MONITOR_POSITION).fetch()
                .forEach(shown -> {
                    StatusPage.Group group = groups.computeIfAbsent(shown.get(G_POSITION), at -> new StatusPage.Group(shown.get(G_NAME), new ArrayList<>()));
                    if (!shown.get(G_MONITOR).isEmpty()) {
                        group.monitors().add(shown.get(G_MONITOR));
                    }
                });
        List<StatusPage.Group> list = groups.values().stream().map(g -> new StatusPage.Group(g.name(), List.copyOf(g.monitors()))).toList();
        return new StatusPage(row.get(P_ID), row.get(P_SLUG), row.get(P_TITLE), row.get(P_DESCRIPTION), row.get(P_LOGO), row.get(P_LOGO_TYPE), row.get(P_DOMAIN),
                list, Instant.ofEpochMilli(row.get(P_UPDATED)));
    }
}
