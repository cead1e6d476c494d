package dev.holdfast.platform.monitor.status;

import dev.holdfast.platform.monitor.InvalidMonitorException;
import dev.holdfast.platform.monitor.MaintenanceWindow;
import dev.holdfast.platform.monitor.Monitor;
import dev.holdfast.platform.monitor.Monitor.MonitorId;
import dev.holdfast.platform.monitor.MonitorDraft;
import dev.holdfast.platform.monitor.MonitorSummary;
import dev.holdfast.platform.monitor.MonitorTag;
import dev.holdfast.platform.monitor.MonitorTags;
import dev.holdfast.platform.monitor.Monitors;
import dev.holdfast.platform.monitor.status.MonitoringSetup.GroupEntry;
import dev.holdfast.platform.monitor.status.MonitoringSetup.MaintenanceEntry;
import dev.holdfast.platform.monitor.status.MonitoringSetup.MonitorEntry;
import dev.holdfast.platform.monitor.status.MonitoringSetup.PageEntry;
import dev.holdfast.platform.monitor.status.MonitoringSetup.TagEntry;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Exports the monitoring setup as YAML and imports such a file: monitors matched by name, status pages by slug,
 * maintenance windows by their whole content. An import runs in one transaction: every entry is tried, every error
 * collected with its path ({@code monitors[2].interval}), and nothing is kept when there is an error or on a dry run.
 */
@Service
class SetupTransfer {

    /** The largest YAML document an import reads: about 40,000 monitors. */
    static final long MAX_IMPORT_BYTES = 10L * 1024 * 1024;

    /**
     * The longest line an import reads: SnakeYAML's scanner slows down badly on very long lines (a single 10 MiB line
     * kept an import thread busy for over 10 minutes; 1 MiB takes about 20 s), while an exported setup wraps its
     * scalars and other API bodies are capped at 64 KiB anyway.
     */
    static final int MAX_LINE_BYTES = 128 * 1024;

    /**
     * SnakeYAML refuses documents over 3 Mi code points by default; the import's own cap ({@link #MAX_IMPORT_BYTES},
     * counted in bytes, never fewer than code points) is the one that should answer.
     */
    static final YAMLMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
                    .loadSettings(LoadSettings.builder().setCodePointLimit((int) MAX_IMPORT_BYTES + 1).build()).build())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private final Monitors monitors;
    private final MonitorTags tags;
    private final StatusPages pages;
    private final TransactionTemplate transactions;

    SetupTransfer(Monitors monitors, MonitorTags tags, StatusPages pages, PlatformTransactionManager transactions) {
        this.monitors = monitors;
        this.tags = tags;
        this.pages = pages;
        this.transactions = new TransactionTemplate(transactions);
    }

    /** What an import did (or, on a dry run, would do). */
    record Outcome(boolean applied, List<String> created, List<String> updated, int unchanged) {}

    /** An import found bad entries; {@link #errors()} maps each path to a message. */
    static final class InvalidSetupException extends RuntimeException {

        private final Map<String, String> errors;

        InvalidSetupException(Map<String, String> errors) {
            super("invalid monitoring setup: " + errors.keySet());
            this.errors = Map.copyOf(errors);
        }

        Map<String, String> errors() {
            return errors;
        }
    }

    String exportYaml() {
        return YAML.writeValueAsString(export());
    }

    MonitoringSetup export() {
        List<Monitor> all = allMonitors();
        Map<String, String> names = new HashMap<>();
        all.forEach(m -> names.put(m.id().value(), m.name()));
        Map<MonitorId, List<MonitorTag>> tagged = tags.of(all.stream().map(Monitor::id).toList());
        List<MonitorEntry> entries = all.stream().map(m -> entry(m, names, tagged.getOrDefault(m.id(), List.of()))).toList();
        List<MaintenanceEntry> windows = monitors.maintenance().stream()
                .map(w -> entry(w, names)).toList();
        List<PageEntry> statusPages = pages.list().stream().map(p -> entry(p, names)).toList();
        List<TagEntry> tagEntries = tags.tags().stream().map(t -> new TagEntry(t.name(), t.color())).toList();
        return new MonitoringSetup(1, entries, windows, statusPages, tagEntries.isEmpty() ? null : tagEntries);
    }

    /** The document to import is larger than {@link #MAX_IMPORT_BYTES}. */
    static final class SetupTooLargeException extends RuntimeException {

        SetupTooLargeException() {
            super("the monitoring setup is larger than " + MAX_IMPORT_BYTES + " bytes");
        }
    }

    Outcome importYaml(String yaml, boolean dryRun) {
        return importYaml(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), dryRun);
    }

    /** Parses the document as it streams in, refusing it past {@link #MAX_IMPORT_BYTES}, then applies it. */
    Outcome importYaml(InputStream yaml, boolean dryRun) {
        MonitoringSetup setup;
        CappedInputStream capped = new CappedInputStream(yaml, MAX_IMPORT_BYTES);
        try {
            setup = YAML.readValue(capped, MonitoringSetup.class);
        } catch (JacksonException | java.io.UncheckedIOException e) {
            if (capped.exceeded) {
                throw new SetupTooLargeException();
            }
            if (capped.longLine > 0) {
                capped.discardRest(); // reading on is cheap (parsing was not), and the client then reads its answer
                throw new InvalidSetupException(Map.of("(document)", "line " + capped.longLine + " is longer than "
                        + MAX_LINE_BYTES / 1024 + " KiB; nothing was read past it"));
            }
            String message = e instanceof JacksonException jackson ? jackson.getOriginalMessage() : e.getMessage();
            throw new InvalidSetupException(Map.of("(document)", "not a monitoring setup in YAML: " + firstLine(message)));
        }
        if (capped.exceeded) {
            throw new SetupTooLargeException();
        }
        if (setup == null) {
            throw new InvalidSetupException(Map.of("(document)", "the document is empty"));
        }
        Map<String, String> errors = new LinkedHashMap<>();
        Outcome outcome = transactions.execute(status -> {
            Outcome result = apply(setup, errors);
            if (dryRun || !errors.isEmpty()) {
                status.setRollbackOnly();
            }
            return result;
        });
        if (!errors.isEmpty()) {
            throw new InvalidSetupException(errors);
        }
        return new Outcome(!dryRun, outcome.created(), outcome.updated(), outcome.unchanged());
    }

    private Outcome apply(MonitoringSetup setup, Map<String, String> errors) {
        List<String> created = new ArrayList<>();
        List<String> updated = new ArrayList<>();
        int unchanged = 0;
        Map<String, Monitor> byName = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        for (Monitor monitor : allMonitors()) {
            byName.putIfAbsent(key(monitor.name()), monitor);
            names.put(monitor.id().value(), monitor.name());
        }

        List<TagEntry> tagEntries = setup.tags() == null ? List.of() : setup.tags();
        for (int i = 0; i < tagEntries.size(); i++) {
            TagEntry tag = tagEntries.get(i);
            try {
                tags.define(tag == null || tag.name() == null ? "" : tag.name(), tag == null ? null : tag.color());
            } catch (InvalidMonitorException e) {
                int at = i;
                e.errors().forEach((field, message) -> errors.put("tags[" + at + "]." + field, message));
            }
        }
        Map<MonitorId, List<MonitorTag>> storedTags = tags.of(byName.values().stream().map(Monitor::id).toList());

        List<MonitorEntry> entries = setup.monitors() == null ? List.of() : setup.monitors();
        Map<String, Integer> seen = new HashMap<>();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            order.add(i);
        }
        // groups first, so their children can name them as parent
        order.sort(Comparator.comparing(i -> entries.get(i) == null || !"group".equalsIgnoreCase(entries.get(i).type())));
        for (int i : order) {
            MonitorEntry entry = entries.get(i);
            String path = "monitors[" + i + "]";
            if (entry == null || entry.name() == null || entry.name().isBlank()) {
                errors.put(path + ".name", "a name is required");
                continue;
            }
            if (seen.putIfAbsent(key(entry.name()), i) != null) {
                errors.put(path + ".name", "the same name as monitors[" + seen.get(key(entry.name())) + "]");
                continue;
            }
            String parentId = null;
            if (entry.parent() != null && !entry.parent().isBlank()) {
                Monitor parent = byName.get(key(entry.parent()));
                if (parent == null) {
                    errors.put(path + ".parent", "no group monitor named " + entry.parent());
                    continue;
                }
                parentId = parent.id().value();
            }
            MonitorDraft draft = new MonitorDraft(entry.name(), entry.type(), entry.config(), entry.interval(), entry.timeout(),
                    entry.retries(), entry.retryInterval(), entry.resendInterval(), entry.upsideDown(), parentId);
            Monitor existing = byName.get(key(entry.name()));
            try {
                Monitor result;
                if (existing == null) {
                    result = monitors.create(draft);
                    created.add("monitor " + result.name());
                } else if (same(entry(existing, names, entry.tags() == null ? null : storedTags.getOrDefault(existing.id(), List.of())), entry)) {
                    unchanged++;
                    continue;
                } else {
                    result = monitors.update(existing.id(), draft);
                    updated.add("monitor " + result.name());
                }
                boolean active = entry.active() == null || entry.active();
                if (active != result.active()) {
                    if (active) {
                        monitors.resume(result.id());
                    } else {
                        monitors.pause(result.id());
                    }
                }
                if (entry.tags() != null) {
                    try {
                        tags.set(result.id(), entry.tags().stream().map(SetupTransfer::tag).toList());
                    } catch (InvalidMonitorException e) {
                        e.errors().forEach((field, message) -> errors.put(path + "." + field, message));
                    }
                }
                byName.put(key(result.name()), result);
                names.put(result.id().value(), result.name());
            } catch (InvalidMonitorException e) {
                e.errors().forEach((field, message) -> errors.put(path + "." + field, message));
            }
        }

        List<MaintenanceEntry> windows = setup.maintenance() == null ? List.of() : setup.maintenance();
        List<MaintenanceEntry> existingWindows = monitors.maintenance().stream().map(w -> entry(w, names)).toList();
        for (int i = 0; i < windows.size(); i++) {
            String path = "maintenance[" + i + "]";
            MaintenanceEntry entry = windows.get(i);
            if (entry == null) {
                errors.put(path, "an entry is required");
                continue;
            }
            MaintenanceWindow window = window(entry, byName, path, errors);
            if (window == null) {
                continue;
            }
            if (existingWindows.contains(entry(window, names))) {
                unchanged++;
                continue;
            }
            try {
                monitors.addMaintenance(window);
                created.add("maintenance " + window.title());
            } catch (InvalidMonitorException e) {
                e.errors().forEach((field, message) -> errors.put(path + "." + field, message));
            }
        }

        List<PageEntry> pageEntries = setup.statusPages() == null ? List.of() : setup.statusPages();
        for (int i = 0; i < pageEntries.size(); i++) {
            String path = "statusPages[" + i + "]";
            PageEntry entry = pageEntries.get(i);
            if (entry == null) {
                errors.put(path, "an entry is required");
                continue;
            }
            List<StatusPageDraft.GroupDraft> groups = new ArrayList<>();
            List<GroupEntry> groupEntries = entry.groups() == null ? List.of() : entry.groups();
            boolean resolved = true;
            for (int g = 0; g < groupEntries.size(); g++) {
                GroupEntry group = groupEntries.get(g);
                List<String> ids = new ArrayList<>();
                List<String> wanted = group == null || group.monitors() == null ? List.of() : group.monitors();
                for (int m = 0; m < wanted.size(); m++) {
                    Monitor monitor = wanted.get(m) == null ? null : byName.get(key(wanted.get(m)));
                    if (monitor == null) {
                        errors.put(path + ".groups[" + g + "].monitors[" + m + "]", "no monitor named " + wanted.get(m));
                        resolved = false;
                    } else {
                        ids.add(monitor.id().value());
                    }
                }
                groups.add(new StatusPageDraft.GroupDraft(group == null ? null : group.name(), ids));
            }
            if (!resolved) {
                continue;
            }
            StatusPageDraft draft = new StatusPageDraft(entry.slug(), entry.title(), entry.description(), entry.logoUrl(), entry.domain(), groups);
            try {
                var existing = entry.slug() == null ? java.util.Optional.<StatusPage>empty() : pages.bySlug(entry.slug().strip());
                if (existing.isEmpty()) {
                    pages.create(draft);
                    created.add("status page " + entry.slug());
                } else if (same(entry(existing.get(), names), entry)) {
                    unchanged++;
                } else {
                    pages.update(existing.get().id(), draft);
                    updated.add("status page " + entry.slug());
                }
            } catch (InvalidMonitorException e) {
                e.errors().forEach((field, message) -> errors.put(path + "." + field, message));
            }
        }
        return new Outcome(false, created, updated, unchanged);
    }

    private static @Nullable MaintenanceWindow window(MaintenanceEntry entry, Map<String, Monitor> byName, String path, Map<String, String> errors) {
        int before = errors.size();
        List<MonitorId> listed = new ArrayList<>();
        if (entry.monitor() != null && !entry.monitor().isBlank()) {
            Monitor found = byName.get(key(entry.monitor()));
            if (found == null) {
                errors.put(path + ".monitor", "no monitor named " + entry.monitor());
            } else {
                listed.add(found.id());
            }
        }
        List<String> names = entry.monitors() == null ? List.of() : entry.monitors();
        for (int m = 0; m < names.size(); m++) {
            Monitor found = names.get(m) == null ? null : byName.get(key(names.get(m)));
            if (found == null) {
                errors.put(path + ".monitors[" + m + "]", "no monitor named " + names.get(m));
            } else if (!listed.contains(found.id())) {
                listed.add(found.id());
            }
        }
        ZoneId zone = ZoneOffset.UTC;
        try {
            zone = entry.zone() == null ? ZoneOffset.UTC : ZoneId.of(entry.zone());
        } catch (RuntimeException e) {
            errors.put(path + ".zone", "a time zone like Europe/Berlin or UTC");
        }
        Instant start = instant(entry.start(), path + ".start", errors);
        Instant end = instant(entry.end(), path + ".end", errors);
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        List<String> dayNames = entry.days() == null ? List.of() : entry.days();
        for (int d = 0; d < dayNames.size(); d++) {
            try {
                days.add(DayOfWeek.valueOf(String.valueOf(dayNames.get(d)).strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                errors.put(path + ".days[" + d + "]", "a day like MONDAY");
            }
        }
        LocalTime at = null;
        if (entry.at() != null) {
            try {
                at = LocalTime.parse(entry.at());
            } catch (RuntimeException e) {
                errors.put(path + ".at", "a time of day like 02:30");
            }
        }
        if (entry.minutes() != null && (entry.minutes() < 1 || entry.minutes() > 7 * 24 * 60)) {
            errors.put(path + ".minutes", "from 1 to 10080");
        }
        if (errors.size() > before) {
            return null;
        }
        return new MaintenanceWindow("", listed, entry.title() == null ? "" : entry.title().strip(), start, end, days, at,
                entry.minutes() == null ? null : Duration.ofMinutes(entry.minutes()), zone);
    }

    private static @Nullable Instant instant(@Nullable String value, String path, Map<String, String> errors) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (RuntimeException e) {
            errors.put(path, "an ISO-8601 instant like 2026-01-31T22:00:00Z");
            return null;
        }
    }

    private List<Monitor> allMonitors() {
        List<Monitor> all = new ArrayList<>();
        int offset = 0;
        while (true) {
            List<MonitorSummary> page = monitors.list(null, offset, 500);
            page.forEach(s -> all.add(s.monitor()));
            if (page.size() < 500) {
                return all;
            }
            offset += page.size();
        }
    }

    /** The entry of a stored monitor; {@code monitorTags} null leaves tags out (an import entry without tags keeps them). */
    private static MonitorEntry entry(Monitor m, Map<String, String> names, @Nullable List<MonitorTag> monitorTags) {
        return new MonitorEntry(m.name(), m.type(), new LinkedHashMap<>(m.config().values()), m.interval().toSeconds(), m.timeout().toSeconds(),
                m.retries(), m.retryInterval().toSeconds(), m.resendInterval().toSeconds(), m.upsideDown(), m.active(),
                m.parent() == null ? null : names.get(m.parent().value()),
                monitorTags == null || monitorTags.isEmpty() ? null : monitorTags.stream().map(MonitorTag::label).toList());
    }

    /** {@code name} or {@code name:value}. */
    private static MonitorTag tag(@Nullable String label) {
        String text = label == null ? "" : label;
        int colon = text.indexOf(':');
        return colon < 0 ? MonitorTag.of(text) : new MonitorTag(text.substring(0, colon), text.substring(colon + 1), null);
    }

    private static MaintenanceEntry entry(MaintenanceWindow w, Map<String, String> names) {
        return new MaintenanceEntry(w.title(), null, w.monitors().isEmpty() ? null
                : w.monitors().stream().map(id -> names.getOrDefault(id.value(), id.value())).toList(),
                w.start() == null ? null : w.start().toString(), w.end() == null ? null : w.end().toString(),
                w.days().isEmpty() ? null : w.days().stream().sorted().map(DayOfWeek::name).toList(),
                w.at() == null ? null : w.at().toString(), w.length() == null ? null : w.length().toMinutes(), w.zone().getId());
    }

    private static PageEntry entry(StatusPage p, Map<String, String> names) {
        return new PageEntry(p.slug(), p.title(), p.description(), p.logoUrl(), p.domain(), p.groups().stream()
                .map(g -> new GroupEntry(g.name(), g.monitors().stream().map(id -> names.getOrDefault(id, id)).toList())).toList());
    }

    /** Whether an imported entry says the same as the stored one (compared as YAML trees, so 60 and 60L agree). */
    private static boolean same(Object stored, Object imported) {
        return Objects.equals(YAML.valueToTree(stored), YAML.valueToTree(imported));
    }

    /**
     * Reads at most {@code cap} bytes; one more marks the stream {@link #exceeded} and ends it with an error. A line
     * longer than {@link #MAX_LINE_BYTES} ends it too, with its number in {@link #longLine}, before the parser sees it.
     */
    private static final class CappedInputStream extends FilterInputStream {

        private final long cap;
        private long read;
        private int line = 1;
        private int lineBytes;
        boolean exceeded;
        int longLine;

        CappedInputStream(InputStream in, long cap) {
            super(in);
            this.cap = cap;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? -1 : 1);
            if (b >= 0) {
                scan((byte) b);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, (int) Math.min(length, cap + 1 - read));
            count(n);
            for (int i = 0; i < n; i++) {
                scan(buffer[offset + i]);
            }
            return n;
        }

        /**
         * Leaves the request's stream open: the parser closes its source when it fails, and a servlet stream closed
         * before its body is read makes the container drop the connection instead of answering.
         */
        @Override
        public void close() {}

        /** Reads and drops what is left, up to the cap, without parsing it. */
        void discardRest() {
            byte[] buffer = new byte[64 * 1024];
            try {
                int n;
                while (read <= cap && (n = in.read(buffer, 0, (int) Math.min(buffer.length, cap + 1 - read))) > 0) {
                    read += n;
                }
            } catch (IOException e) {
                // the client went away; nothing more to read
            }
        }

        private void scan(byte b) throws IOException {
            if (b == '\n') {
                line++;
                lineBytes = 0;
            } else if (++lineBytes > MAX_LINE_BYTES) {
                longLine = line;
                throw new IOException("line " + line + " is longer than " + MAX_LINE_BYTES + " bytes");
            }
        }

        private void count(int n) throws IOException {
            if (n > 0) {
                read += n;
                if (read > cap) {
                    exceeded = true;
                    throw new IOException("more than " + cap + " bytes");
                }
            }
        }
    }

    private static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    private static String firstLine(@Nullable String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
