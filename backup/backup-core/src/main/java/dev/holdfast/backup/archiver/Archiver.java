package dev.holdfast.backup.archiver;

import dev.holdfast.backup.BlobType;
import dev.holdfast.backup.Id;
import dev.holdfast.backup.Node;
import dev.holdfast.backup.NodeType;
import dev.holdfast.backup.Snapshot;
import dev.holdfast.backup.Tree;
import dev.holdfast.backup.repository.Host;
import dev.holdfast.backup.repository.Repository;
import dev.holdfast.backup.repository.RepositoryLock;
import dev.holdfast.backup.chunker.Chunker;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.UserPrincipal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Saves paths as a snapshot, as restic's archiver does: absolute paths become a tree from the filesystem root (the
 * directories on the way are recorded with their own metadata), files are chunked with the repository polynomial,
 * and files unchanged since the parent snapshot (type, mtime, ctime, inode, size) are not read again. Holds a shared
 * lock while it runs. One backup at a time per instance.
 */
public final class Archiver {

    private final Repository repository;
    private final Chunker chunker;
    private final Map<Long, String> users = new HashMap<>();
    private final Map<Long, String> groups = new HashMap<>();
    private Counters counters = new Counters();

    private static final class Counters {
        long filesNew, filesChanged, filesUnmodified, directories, blobsAdded, bytesAdded, bytesRead;
        final List<String> errors = new ArrayList<>();
    }

    /** A target path, or a directory on the way to targets. */
    private static final class Target {
        final Map<String, Target> children = new TreeMap<>(Tree.NAME_ORDER);
        boolean leaf;
    }

    public Archiver(Repository repository) {
        this.repository = repository;
        this.chunker = new Chunker(repository.config().polynomial());
    }

    public BackupSummary backup(List<Path> paths, BackupOptions options) {
        try (RepositoryLock lock = repository.lock(false)) {
            return run(paths, options);
        }
    }

    /**
     * Saves a stream as a single file {@code /<filename>}, as {@code restic backup --stdin --stdin-filename} does:
     * mode 0644, all times the snapshot time.
     */
    public BackupSummary backupStdin(InputStream in, String filename, BackupOptions options) {
        try (RepositoryLock lock = repository.lock(false)) {
            counters = new Counters();
            OffsetDateTime time = options.time() == null ? OffsetDateTime.now() : options.time();
            Node node = new Node(filename, NodeType.FILE, 0644, time, time, time, Host.uid(), Host.gid(), "", "", 0, 0,
                    0, 0, "", List.of(), 0, List.of(), null, "");
            node = readContent(in, node);
            counters.filesNew++;
            Id tree = repository.saveTree(new Tree(List.of(node)));
            return finish(List.of("/" + filename), tree, time, options);
        } catch (IOException e) {
            throw new dev.holdfast.backup.BackupException("cannot read standard input: " + e.getMessage(), e);
        }
    }

    private BackupSummary finish(List<String> paths, Id tree, OffsetDateTime time, BackupOptions options) {
        repository.flush();
        Snapshot snapshot = repository.saveSnapshot(new Snapshot(null, time,
                options.parent() == null ? null : options.parent().id(), tree, paths, options.hostname(),
                Host.username(), Host.uid(), Host.gid(), options.excludes(), options.tags(), null));
        Counters c = counters;
        return new BackupSummary(snapshot, c.filesNew, c.filesChanged, c.filesUnmodified, c.directories,
                c.blobsAdded, c.bytesAdded, c.bytesRead, c.errors);
    }

    private BackupSummary run(List<Path> paths, BackupOptions options) {
        counters = new Counters();
        Excludes excludes = new Excludes(options.excludes());
        List<String> absolute = paths.stream().map(p -> p.toAbsolutePath().normalize().toString()).sorted().distinct()
                .toList();
        Target root = new Target();
        for (String path : absolute) {
            Target node = root;
            for (Path part : Path.of(path)) {
                node = node.children.computeIfAbsent(part.toString(), k -> new Target());
            }
            node.leaf = true;
        }
        Tree parentRoot = options.parent() == null ? null : repository.loadTree(options.parent().tree());
        Id tree = repository.saveTree(saveTargets(root, Path.of("/"), parentRoot, excludes));
        return finish(absolute, tree, options.time() == null ? OffsetDateTime.now() : options.time(), options);
    }

    private Tree saveTargets(Target target, Path dir, @Nullable Tree parent, Excludes excludes) {
        List<Node> nodes = new ArrayList<>();
        for (Map.Entry<String, Target> child : target.children.entrySet()) {
            Path path = dir.resolve(child.getKey());
            Node parentNode = parent == null ? null : parent.find(child.getKey()).orElse(null);
            Node node;
            if (child.getValue().leaf) {
                node = save(path, parentNode, excludes);
            } else {
                Tree subtree = saveTargets(child.getValue(), path, subtree(parentNode), excludes);
                node = stat(path).map(stat -> nodeOf(path, child.getKey(), stat).withSubtree(repository.saveTree(subtree)))
                        .orElse(null);
            }
            if (node != null) {
                nodes.add(node);
            }
        }
        return Tree.sorted(nodes);
    }

    private @Nullable Tree subtree(@Nullable Node parentNode) {
        if (parentNode == null || parentNode.type() != NodeType.DIR || parentNode.subtree() == null) {
            return null;
        }
        return repository.loadTree(parentNode.subtree());
    }

    private Optional<FileStat> stat(Path path) {
        try {
            return Optional.of(FileStat.of(path));
        } catch (IOException e) {
            counters.errors.add(path + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Saves one path (recursively for directories); null when excluded or unreadable. */
    private @Nullable Node save(Path path, @Nullable Node parentNode, Excludes excludes) {
        if (excludes.excluded(path)) {
            return null;
        }
        FileStat stat = stat(path).orElse(null);
        if (stat == null) {
            return null;
        }
        String name = path.getFileName() == null ? "/" : path.getFileName().toString();
        Node node = nodeOf(path, name, stat);
        try {
            return switch (node.type()) {
                case FILE -> saveFile(path, node, stat, parentNode);
                case DIR -> saveDirectory(path, node, parentNode, excludes);
                default -> node;
            };
        } catch (IOException e) {
            counters.errors.add(path + ": " + e.getMessage());
            return null;
        }
    }

    private Node saveDirectory(Path path, Node node, @Nullable Node parentNode, Excludes excludes) throws IOException {
        counters.directories++;
        Tree parentTree = subtree(parentNode);
        List<String> names;
        try (Stream<Path> children = Files.list(path)) {
            names = children.map(child -> child.getFileName().toString()).sorted(Tree.NAME_ORDER).toList();
        }
        List<Node> nodes = new ArrayList<>(names.size());
        for (String name : names) {
            Node child = save(path.resolve(name), parentTree == null ? null : parentTree.find(name).orElse(null),
                    excludes);
            if (child != null) {
                nodes.add(child);
            }
        }
        return node.withSubtree(repository.saveTree(new Tree(nodes)));
    }

    private Node saveFile(Path path, Node node, FileStat stat, @Nullable Node parentNode) throws IOException {
        if (parentNode != null && unchanged(parentNode, stat) && allPresent(parentNode.content())) {
            counters.filesUnmodified++;
            return node.withContent(parentNode.content(), parentNode.size());
        }
        Node saved;
        try (InputStream in = Files.newInputStream(path, LinkOption.NOFOLLOW_LINKS)) {
            saved = readContent(in, node);
        }
        if (parentNode == null) {
            counters.filesNew++;
        } else {
            counters.filesChanged++;
        }
        return saved;
    }

    private Node readContent(InputStream in, Node node) throws IOException {
        List<Id> content = new ArrayList<>();
        long size = 0;
        chunker.reset(in);
        for (byte[] chunk = chunker.next(); chunk != null; chunk = chunker.next()) {
            Id id = Id.hash(chunk);
            if (repository.saveBlob(BlobType.DATA, id, chunk)) {
                counters.blobsAdded++;
                counters.bytesAdded += chunk.length;
            }
            content.add(id);
            size += chunk.length;
        }
        counters.bytesRead += size;
        return node.withContent(content, size);
    }

    private static boolean unchanged(Node old, FileStat stat) {
        return old.type() == NodeType.FILE && old.mtime().isEqual(stat.mtime()) && old.ctime().isEqual(stat.ctime())
                && old.inode() == stat.inode() && old.size() == stat.size();
    }

    private boolean allPresent(@Nullable List<Id> content) {
        return content != null && content.stream().allMatch(id -> repository.hasBlob(BlobType.DATA, id));
    }

    private Node nodeOf(Path path, String name, FileStat stat) {
        NodeType type = stat.type();
        String linkTarget = "";
        if (type == NodeType.SYMLINK) {
            try {
                linkTarget = Files.readSymbolicLink(path).toString();
            } catch (IOException e) {
                counters.errors.add(path + ": " + e.getMessage());
            }
        }
        long links = type == NodeType.DIR || type == NodeType.FIFO || type == NodeType.SOCKET ? 0 : stat.links();
        long device = type == NodeType.DEV || type == NodeType.CHARDEV ? stat.rdev() : 0;
        return new Node(name, type, stat.goMode(), stat.mtime(), stat.atime(), stat.ctime(), stat.uid(), stat.gid(),
                userName(path, stat.uid()), groupName(path, stat.gid()), stat.inode(), stat.device(),
                type == NodeType.FILE ? stat.size() : 0, links, linkTarget, List.of(), device,
                type == NodeType.FILE ? List.of() : null, null, "");
    }

    private String userName(Path path, long uid) {
        return users.computeIfAbsent(uid, id -> principal(path, "unix:owner", id));
    }

    private String groupName(Path path, long gid) {
        return groups.computeIfAbsent(gid, id -> principal(path, "unix:group", id));
    }

    private static String principal(Path path, String attribute, long id) {
        try {
            Object principal = Files.getAttribute(path, attribute, LinkOption.NOFOLLOW_LINKS);
            String name = principal instanceof UserPrincipal p ? p.getName()
                    : principal instanceof GroupPrincipal g ? g.getName() : "";
            return name.equals(Long.toString(id)) ? "" : name;
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
