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

/**
 * {@code ls}: lists the files of a snapshot; given absolute folders, only those folders and what they hold directly
 * (with {@code --recursive}, all below them), as restic's {@code ls} does.
 */
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

    @Option(names = "--recursive", description = "include files in subfolders of the listed folders")
    boolean recursive;

    @Override
    public Integer call() {
        Context context = top.context;
        if (dirs.stream().anyMatch(dir -> !dir.startsWith("/"))) {
            throw new dev.holdfast.backup.BackupException(
                    "All path filters must be absolute, starting with a forward slash '/'");
        }
        List<List<String>> folders = dirs.stream().map(LsCommand::components).toList();
        try (Repository repository = context.open()) {
            Snapshot snapshot = filter.find(repository, snapshotId);
            if (context.json()) {
                context.printJson(Output.snapshot(snapshot));
            } else {
                context.say("snapshot " + snapshot.requireId().shortHex() + " of " + snapshot.paths() + " at "
                        + snapshot.time() + ":");
            }
            new TreeWalker(repository).walk(snapshot.tree(), (path, node, parent) -> {
                List<String> components = components(path);
                boolean within = folders.isEmpty() || folders.stream().anyMatch(f -> startsWith(components, f));
                // restic's walk: into a listed folder when recursive, and into the folders leading to one
                boolean enter = within && recursive || folders.isEmpty()
                        || folders.stream().anyMatch(f -> startsWith(f, components));
                if (!within) {
                    return enter;
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
                return enter;
            });
        }
        return HoldfastBackup.OK;
    }

    private static List<String> components(String path) {
        return java.util.Arrays.stream(path.split("/")).filter(c -> !c.isEmpty() && !c.equals(".")).toList();
    }

    private static boolean startsWith(List<String> path, List<String> prefix) {
        return path.size() >= prefix.size() && path.subList(0, prefix.size()).equals(prefix);
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
