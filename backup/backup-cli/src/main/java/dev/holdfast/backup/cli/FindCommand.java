package dev.holdfast.backup.cli;

import dev.holdfast.backup.BackupException;
import dev.holdfast.backup.BlobType;
import dev.holdfast.backup.GoTime;
import dev.holdfast.backup.Id;
import dev.holdfast.backup.Node;
import dev.holdfast.backup.NodeType;
import dev.holdfast.backup.Snapshot;
import dev.holdfast.backup.backend.FileInfo;
import dev.holdfast.backup.filter.PathPattern;
import dev.holdfast.backup.repository.PackedBlob;
import dev.holdfast.backup.repository.Repository;
import dev.holdfast.backup.walker.TreeWalker;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code find}: the paths in snapshots that match any of restic's patterns ({@code *.conf}, {@code /etc/*},
 * {@code **}/{@code x}), optionally only those modified between {@code --oldest} and {@code --newest}, per snapshot,
 * newest first, as {@code restic find} lists them (also as its JSON). With {@code --blob}, {@code --tree} or
 * {@code --pack} the arguments are IDs (whole or their 8-character short form) and every file holding such a blob,
 * every folder that is such a tree, is listed; {@code --show-pack-id} then says which pack holds each.
 */
@Command(name = "find", description = "Find files in snapshots")
final class FindCommand implements Callable<Integer> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** restic's accepted {@code --oldest}/{@code --newest} layouts, in its order, as Java patterns. */
    private static final List<String> TIME_LAYOUTS = List.of("uuuu-MM-dd", "uuuu-MM-dd HH:mm", "uuuu-MM-dd HH:mm:ss",
            "uuuu-MM-dd HH:mm:ss xx", "uuuu-MM-dd HH:mm:ss z", "dd.MM.uuuu", "dd.MM.uuuu HH:mm",
            "dd.MM.uuuu HH:mm:ss", "dd.MM.uuuu HH:mm:ss xx", "dd.MM.uuuu HH:mm:ss z", "EEE MMM d HH:mm:ss xx z uuuu");

    @ParentCommand
    HoldfastBackup top;

    @Parameters(paramLabel = "PATTERN", arity = "1..*")
    List<String> patterns = new ArrayList<>();

    @Option(names = {"-i", "--ignore-case"}, description = "ignore case in the patterns and paths")
    boolean ignoreCase;

    @Option(names = {"-s", "--snapshot"}, paramLabel = "ID", description = "only in this snapshot (repeatable)")
    List<String> snapshots = new ArrayList<>();

    @Option(names = {"-l", "--long"}, description = "use a long listing format")
    boolean longFormat;

    @Option(names = {"-O", "--oldest"}, paramLabel = "TIME",
            description = "only entries modified at or after this time (2006-01-02[ 15:04[:05]], 02.01.2006 ...)")
    @Nullable String oldest;

    @Option(names = {"-N", "--newest"}, paramLabel = "TIME", description = "only entries modified at or before this time")
    @Nullable String newest;

    @Option(names = "--blob", description = "the patterns are data blob IDs")
    boolean blobIds;

    @Option(names = "--tree", description = "the patterns are tree IDs")
    boolean treeIds;

    @Option(names = "--pack", description = "the patterns are pack IDs: find the blobs they hold")
    boolean packIds;

    @Option(names = "--show-pack-id", description = "with --blob, --tree or --pack: show the pack holding each ID")
    boolean showPackId;

    @Mixin
    SnapshotFilter filter = new SnapshotFilter();

    @Override
    public Integer call() {
        Context context = top.context;
        OffsetDateTime from = oldest == null ? null : parseTime(oldest);
        OffsetDateTime to = newest == null ? null : parseTime(newest);
        if ((blobIds ? 1 : 0) + (treeIds ? 1 : 0) + (packIds ? 1 : 0) > 1) {
            throw new BackupException("cannot have several ID types");
        }
        try (Repository repository = context.open()) {
            if (blobIds || treeIds || packIds) {
                findIds(context, repository);
            } else {
                findPaths(context, repository, from, to);
            }
        }
        return HoldfastBackup.OK;
    }

    /** A time as restic's {@code find} reads it: one of its layouts, in the local time zone unless one is given. */
    static OffsetDateTime parseTime(String text) {
        for (String layout : TIME_LAYOUTS) {
            DateTimeFormatter format = DateTimeFormatter.ofPattern(layout, Locale.ROOT)
                    .withResolverStyle(ResolverStyle.STRICT).withZone(ZoneId.systemDefault());
            try {
                var parsed = format.parseBest(text, ZonedDateTime::from, java.time.LocalDate::from);
                return parsed instanceof ZonedDateTime zoned ? zoned.toOffsetDateTime()
                        : ((java.time.LocalDate) parsed).atStartOfDay(ZoneId.systemDefault()).toOffsetDateTime();
            } catch (DateTimeParseException e) {
                // the next layout
            }
        }
        throw new BackupException("unable to parse time: \"" + text + "\"");
    }

    private void findPaths(Context context, Repository repository, @Nullable OffsetDateTime from,
            @Nullable OffsetDateTime to) {
        List<PathPattern> compiled = patterns.stream()
                .map(p -> PathPattern.parse(ignoreCase ? p.toLowerCase(Locale.ROOT) : p)).toList();
        List<Map<String, Object>> json = new ArrayList<>();
        TreeWalker walker = new TreeWalker(repository);
        for (Snapshot snapshot : filter.select(repository, snapshots).reversed()) {
            List<Map<String, Object>> matches = new ArrayList<>();
            int[] hits = {0};
            walker.walk(snapshot.tree(), (path, node, parent) -> {
                String subject = ignoreCase ? path.toLowerCase(Locale.ROOT) : path;
                boolean matched = compiled.stream().anyMatch(pattern -> pattern.matches(subject));
                // as restic's walk: a folder is entered only when it matches or something below it may
                boolean enter = matched || compiled.stream().anyMatch(pattern -> pattern.childMayMatch(subject));
                if (!matched || from != null && node.mtime().isBefore(from) || to != null && node.mtime().isAfter(to)) {
                    return enter;
                }
                if (hits[0]++ == 0 && !context.json()) {
                    context.print("Found matching entries in snapshot " + snapshot.requireId().shortHex()
                            + " from " + snapshot.time().atZoneSameInstant(ZoneId.systemDefault()).format(TIME));
                }
                if (context.json()) {
                    matches.add(match(path, node));
                } else {
                    context.print(longFormat ? LsCommand.modeString(node.mode(), node.type()) + " " + node.uid()
                            + " " + node.gid() + " " + node.size() + " "
                            + node.mtime().toLocalDateTime().withNano(0) + " " + path : path);
                }
                return enter;
            });
            if (hits[0] > 0 && context.json()) {
                Map<String, Object> found = new LinkedHashMap<>();
                found.put("matches", matches);
                found.put("hits", hits[0]);
                found.put("snapshot", snapshot.requireId().hex());
                json.add(found);
            } else if (hits[0] > 0) {
                context.print("");
            }
        }
        if (context.json()) {
            context.printJson(json);
        }
    }

    /**
     * restic's search by ID: every file holding one of the blobs (with the tree it is listed in) and every folder that
     * is one of the trees, in each snapshot; a tree is reported once per snapshot. IDs may be short (8 characters).
     */
    private void findIds(Context context, Repository repository) {
        Set<String> blobs = new LinkedHashSet<>(blobIds ? patterns : List.of());
        Set<String> trees = new LinkedHashSet<>(treeIds ? patterns : List.of());
        if (packIds) {
            blobs.addAll(blobsIn(context, repository));
        }
        List<Map<String, Object>> json = new ArrayList<>();
        TreeWalker walker = new TreeWalker(repository);
        for (Snapshot snapshot : filter.select(repository, snapshots).reversed()) {
            Set<String> treesSeen = new HashSet<>();
            walker.walk(snapshot.tree(), (path, node, parent) -> {
                if (node.type() == NodeType.DIR && node.subtree() != null && !trees.isEmpty()) {
                    String id = known(trees, node.subtree());
                    if (id != null && treesSeen.add(id)) {
                        report(context, json, "tree", node.subtree(), path, null, snapshot);
                    }
                }
                if (node.type() == NodeType.FILE && node.content() != null && !blobs.isEmpty()) {
                    for (Id content : node.content()) {
                        if (known(blobs, content) != null) {
                            report(context, json, "blob", content, path, parent, snapshot);
                        }
                    }
                }
                return true;
            });
        }
        if (context.json()) {
            context.printJson(json);
        }
        if (showPackId) {
            blobs.forEach(id -> showPack(context, repository, id, BlobType.DATA));
            trees.forEach(id -> showPack(context, repository, id, BlobType.TREE));
        }
    }

    /**
     * The entry of {@code ids} naming {@code id} (a short one is replaced by the whole ID, as restic does), or null.
     */
    private static @Nullable String known(Set<String> ids, Id id) {
        if (ids.contains(id.hex())) {
            return id.hex();
        }
        if (ids.remove(id.shortHex())) {
            ids.add(id.hex());
            return id.hex();
        }
        return null;
    }

    /** The blobs of the packs named (whole or short IDs), read from each pack's header, else from the index. */
    private List<String> blobsIn(Context context, Repository repository) {
        Set<String> wanted = new LinkedHashSet<>(patterns);
        List<String> blobs = new ArrayList<>();
        for (FileInfo pack : repository.listPacks()) {
            Id id = Id.parse(pack.name());
            if (wanted.remove(id.hex()) || wanted.remove(id.shortHex())) {
                repository.readPackHeader(id, pack.size()).forEach(blob -> blobs.add(blob.id().hex()));
            }
        }
        Set<String> fromIndex = new TreeSet<>();
        for (var entry : repository.indexedPacks().entrySet()) {
            Id id = entry.getKey();
            if (wanted.remove(id.hex()) || wanted.remove(id.shortHex())) {
                entry.getValue().forEach(blob -> blobs.add(blob.id().hex()));
                fromIndex.add(id.hex());
            }
        }
        if (!fromIndex.isEmpty()) {
            context.err().println("some pack files are missing from the repository, getting their blobs from the "
                    + "repository index: [" + String.join(" ", fromIndex) + "]");
            context.err().println();
        }
        if (!wanted.isEmpty()) {
            throw new BackupException("unable to find pack(s): [" + String.join(" ", new TreeSet<>(wanted)) + "]");
        }
        return blobs;
    }

    private static void report(Context context, List<Map<String, Object>> json, String kind, Id id, String path,
            @Nullable Id parent, Snapshot snapshot) {
        if (context.json()) {
            Map<String, Object> object = new LinkedHashMap<>();
            object.put("object_type", kind);
            object.put("id", id.hex());
            object.put("path", path);
            if (parent != null) {
                object.put("parent_tree", parent.hex());
            }
            object.put("snapshot", snapshot.requireId().hex());
            object.put("time", GoTime.format(snapshot.time()));
            json.add(object);
            return;
        }
        context.print("Found " + kind + " " + id.hex());
        if (parent != null) {
            context.print(" ... in file " + path);
            context.print("     (tree " + parent.hex() + ")");
        } else {
            context.print(" ... path " + path);
        }
        context.print(" ... in snapshot " + snapshot.requireId().shortHex() + " ("
                + snapshot.time().atZoneSameInstant(ZoneId.systemDefault()).format(TIME) + ")");
    }

    /** restic's {@code --show-pack-id} lines (text, also with {@code --json}, as restic prints them). */
    private static void showPack(Context context, Repository repository, String id, BlobType type) {
        if (!Id.isId(id)) {
            context.print("Note: cannot find pack for object '" + id + "', unable to parse ID: invalid length for hash");
            return;
        }
        PackedBlob blob = repository.lookup(type, Id.parse(id));
        if (blob == null) {
            context.print("Object " + Id.parse(id).shortHex() + " not found in the index");
            return;
        }
        context.print("Object belongs to pack " + blob.pack().hex());
        context.print(" ... Pack " + blob.pack().shortHex() + ": <Blob (" + type.json() + ") " + blob.id().shortHex() + ", offset " + blob.offset() + ", length " + blob.length()
                + ", uncompressed length " + blob.uncompressedLength() + ">");
    }

    /** A match as restic's JSON shows it (empty members left out). */
    private static Map<String, Object> match(String path, Node node) {
        Map<String, Object> match = new LinkedHashMap<>();
        match.put("path", path);
        match.put("permissions", LsCommand.modeString(node.mode(), node.type()));
        match.put("type", node.type().json());
        match.put("mode", Integer.toUnsignedLong(node.mode()));
        match.put("mtime", GoTime.format(node.mtime()));
        match.put("atime", GoTime.format(node.atime()));
        match.put("ctime", GoTime.format(node.ctime()));
        match.put("uid", node.uid());
        match.put("gid", node.gid());
        if (!node.user().isEmpty()) {
            match.put("user", node.user());
        }
        if (!node.group().isEmpty()) {
            match.put("group", node.group());
        }
        match.put("device_id", node.deviceId());
        if (node.type() == NodeType.FILE) {
            match.put("size", node.size());
        }
        match.put("links", node.links());
        return match;
    }
}
