package dev.holdfast.backup.cli;

import dev.holdfast.backup.GoTime;
import dev.holdfast.backup.NodeType;
import dev.holdfast.backup.Snapshot;
import dev.holdfast.backup.repository.Repository;
import dev.holdfast.backup.walker.TreeWalker;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code ls}: lists the files of a snapshot, optionally only below some paths. */
@Command(name = "ls", description = "List files in a snapshot")
final class LsCommand implements Callable<Integer> {

    @ParentCommand
    HoldfastBackup top;

    @Mixin
    SnapshotFilter filter = new SnapshotFilter();

    @Parameters(index = "0", paramLabel = "SNAPSHOT")
    String snapshotId = "latest";

    @Parameters(index = "1..*", paramLabel = "DIR")
    List<String> dirs = new ArrayList<>();

    @Option(names = {"-l", "--long"}, description = "use a long listing format")
    boolean longFormat;

    @Override
    public Integer call() {
        Context context = top.context;
        try (Repository repository = context.open()) {
            Snapshot snapshot = filter.find(repository, snapshotId);
            if (context.json()) {
                context.printJson(Output.snapshot(snapshot));
            } else {
                context.say("snapshot " + snapshot.requireId().shortHex() + " of " + snapshot.paths() + " at "
                        + snapshot.time() + ":");
            }
            new TreeWalker(repository).walk(snapshot.tree(), (path, node) -> {
                if (!dirs.isEmpty() && dirs.stream().noneMatch(d -> path.equals(d) || path.startsWith(d + "/"))) {
                    return;
                }
                if (context.json()) {
                    Map<String, Object> json = new LinkedHashMap<>();
                    json.put("name", node.name());
                    json.put("type", node.type().json());
                    json.put("path", path);
                    json.put("uid", node.uid());
                    json.put("gid", node.gid());
                    json.put("size", node.size());
                    json.put("mode", Integer.toUnsignedLong(node.mode()));
                    json.put("mtime", GoTime.format(node.mtime()));
                    json.put("struct_type", "node");
                    context.printJson(json);
                } else if (longFormat) {
                    context.out().printf("%s %5d %5d %10d %s %s%s%n", modeString(node.mode(), node.type()),
                            node.uid(), node.gid(), node.size(), node.mtime().toLocalDateTime().withNano(0), path,
                            node.type() == NodeType.SYMLINK ? " -> " + node.linkTarget() : "");
                } else {
                    context.out().println(path);
                }
            });
        }
        return HoldfastBackup.OK;
    }

    static String modeString(int mode, NodeType type) {
        char kind = switch (type) {
            case DIR -> 'd';
            case SYMLINK -> 'L';
            case DEV -> 'D';
            case CHARDEV -> 'c';
            case FIFO -> 'p';
            case SOCKET -> 'S';
            default -> '-';
        };
        StringBuilder s = new StringBuilder().append(kind);
        String rwx = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) {
            s.append((mode & (1 << (8 - i))) != 0 ? rwx.charAt(i) : '-');
        }
        return s.toString();
    }
}
