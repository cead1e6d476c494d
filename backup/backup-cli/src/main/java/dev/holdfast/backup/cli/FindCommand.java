package dev.holdfast.backup.cli;

import dev.holdfast.backup.GoTime;
import dev.holdfast.backup.Node;
import dev.holdfast.backup.NodeType;
import dev.holdfast.backup.Snapshot;
import dev.holdfast.backup.filter.PathPattern;
import dev.holdfast.backup.repository.Repository;
import dev.holdfast.backup.walker.TreeWalker;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code find}: the paths in snapshots that match any of restic's patterns ({@code *.conf}, {@code /etc/*},
 * {@code **}/{@code x}), per snapshot, newest first, as {@code restic find} lists them (also as its JSON).
 */
@Command(name = "find", description = "Find files in snapshots")
final class FindCommand implements Callable<Integer> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

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

    @Mixin
    SnapshotFilter filter = new SnapshotFilter();

    @Override
    public Integer call() {
        Context context = top.context;
        List<PathPattern> compiled = patterns.stream()
                .map(p -> PathPattern.parse(ignoreCase ? p.toLowerCase(Locale.ROOT) : p)).toList();
        List<Map<String, Object>> json = new ArrayList<>();
        try (Repository repository = context.open()) {
            TreeWalker walker = new TreeWalker(repository);
            for (Snapshot snapshot : filter.select(repository, snapshots).reversed()) {
                List<Map<String, Object>> matches = new ArrayList<>();
                int[] hits = {0};
                walker.walk(snapshot.tree(), (path, node) -> {
                    String subject = ignoreCase ? path.toLowerCase(Locale.ROOT) : path;
                    if (compiled.stream().noneMatch(pattern -> pattern.matches(subject))) {
                        return;
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
        }
        if (context.json()) {
            context.printJson(json);
        }
        return HoldfastBackup.OK;
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
