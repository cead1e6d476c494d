package dev.holdfast.backup.cli;

import dev.holdfast.backup.BackupException;
import dev.holdfast.backup.BlobType;
import dev.holdfast.backup.GoFileMode;
import dev.holdfast.backup.Id;
import dev.holdfast.backup.Node;
import dev.holdfast.backup.NodeType;
import dev.holdfast.backup.Snapshot;
import dev.holdfast.backup.Tree;
import dev.holdfast.backup.repository.Repository;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.X5455_ExtendedTimestamp;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code dump}: writes one file of a snapshot to standard output, as {@code restic dump} does (a database dump piped
 * straight into its restore), or a directory (also {@code /}) as a tar or zip archive of what is below it, named from
 * the snapshot's root without the leading slash, as restic writes it. restic stores zip entries uncompressed; these
 * are deflated at the fastest level (a stored entry needs its CRC before its data, which a stream cannot give).
 */
@Command(name = "dump", description = "Print a backed-up file to stdout, or a directory as a tar or zip archive")
final class DumpCommand implements Callable<Integer> {

    @ParentCommand
    HoldfastBackup top;

    @Parameters(index = "0", paramLabel = "SNAPSHOT")
    String snapshotId = "latest";

    @Parameters(index = "1", paramLabel = "FILE", description = "the file's path in the snapshot")
    String path = "";

    @Option(names = {"-a", "--archive"}, paramLabel = "FORMAT", defaultValue = "tar",
            description = "archive format for a directory: tar or zip (default: ${DEFAULT-VALUE})")
    String archive = "tar";

    @Mixin
    SnapshotFilter filter = new SnapshotFilter();

    @Override
    public Integer call() {
        Context context = top.context;
        if (!archive.equals("tar") && !archive.equals("zip")) {
            throw new BackupException("unknown archive format \"" + archive + "\"");
        }
        try (Repository repository = context.open()) {
            Snapshot snapshot = filter.find(repository, snapshotId);
            Id directory = path.replace("/", "").isEmpty() ? snapshot.tree() : null;
            Node node = directory == null ? find(repository, snapshot.tree(), path) : null;
            if (node != null && node.type() == NodeType.DIR) {
                directory = node.subtree();
            }
            if (directory != null) {
                String prefix = String.join("/", Arrays.stream(path.split("/")).filter(n -> !n.isEmpty()).toList());
                try (Archive out = archive.equals("zip") ? new Zip(context.out()) : new Tar(context.out())) {
                    writeTree(repository, directory, prefix.isEmpty() ? "" : prefix + "/", out);
                } catch (IOException e) {
                    throw new BackupException("cannot write the " + archive + " archive: " + e.getMessage(), e);
                }
            } else if (node.type() == NodeType.FILE) {
                writeContent(repository, node, context.out());
            } else {
                throw new BackupException("cannot dump " + path + ": it is a " + node.type().json());
            }
            context.out().flush();
            if (context.out().checkError()) {
                throw new BackupException("cannot write to standard output");
            }
        }
        return HoldfastBackup.OK;
    }

    private static void writeContent(Repository repository, Node file, OutputStream out) {
        List<Id> content = file.content() == null ? List.of() : file.content();
        try {
            for (Id blob : content) {
                out.write(repository.loadBlob(BlobType.DATA, blob));
            }
        } catch (IOException e) {
            throw new BackupException("cannot write " + file.name() + ": " + e.getMessage(), e);
        }
    }

    /** The entries below a tree, depth first in name order; {@code prefix} is the tree's own name and a slash. */
    private static void writeTree(Repository repository, Id tree, String prefix, Archive archive) throws IOException {
        for (Node node : repository.loadTree(tree).nodes()) {
            String name = prefix + node.name();
            if (node.type() != NodeType.DIR && node.type() != NodeType.SYMLINK && node.type() != NodeType.FILE) {
                continue; // devices, FIFOs and sockets: restic leaves them out of a zip, writes empty tar headers
            }
            archive.add(repository, name, node);
            if (node.type() == NodeType.DIR && node.subtree() != null) {
                writeTree(repository, node.subtree(), name + "/", archive);
            }
        }
    }

    /** A unix mode with the file type bits of a directory, symlink or regular file. */
    private static int unixMode(Node node) {
        int type = switch (node.type()) {
            case DIR -> 040000;
            case SYMLINK -> 0120000;
            default -> 0100000;
        };
        return GoFileMode.toUnixPermissions(node.mode()) | type;
    }

    /** Where the entries go. */
    private interface Archive extends AutoCloseable {

        void add(Repository repository, String name, Node node) throws IOException;

        @Override
        void close() throws IOException;
    }

    /** A tar archive as Go's tar writer makes restic's: PAX names and numbers, mtimes rounded to the second. */
    private static final class Tar implements Archive {

        private final TarArchiveOutputStream tar;

        Tar(OutputStream out) {
            tar = new TarArchiveOutputStream(new NonClosing(out));
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        }

        @Override
        public void add(Repository repository, String name, Node node) throws IOException {
            TarArchiveEntry entry = switch (node.type()) {
                case DIR -> new TarArchiveEntry(name + "/", TarConstants.LF_DIR);
                case SYMLINK -> {
                    TarArchiveEntry link = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
                    link.setLinkName(node.linkTarget());
                    yield link;
                }
                default -> {
                    TarArchiveEntry file = new TarArchiveEntry(name, TarConstants.LF_NORMAL);
                    file.setSize(node.size());
                    yield file;
                }
            };
            entry.setMode(unixMode(node));
            entry.setUserId(node.uid());
            entry.setGroupId(node.gid());
            entry.setUserName(node.user());
            entry.setGroupName(node.group());
            // rounded to the nearest second, as Go's tar writer rounds restic's
            entry.setModTime(FileTime.from(node.mtime().toEpochSecond() + (node.mtime().getNano() >= 500_000_000 ? 1 : 0),
                    TimeUnit.SECONDS));
            tar.putArchiveEntry(entry);
            if (node.type() == NodeType.FILE) {
                writeContent(repository, node, tar);
            }
            tar.closeArchiveEntry();
        }

        @Override
        public void close() throws IOException {
            tar.close();
        }
    }

    /**
     * A zip archive as Go's zip writer makes restic's: unix modes (symlinks as entries holding their target), the
     * modification time in the DOS fields and, to the second in UTC, in the extended timestamp that unzip reads.
     */
    private static final class Zip implements Archive {

        private final ZipArchiveOutputStream zip;

        Zip(OutputStream out) {
            zip = new ZipArchiveOutputStream(new NonClosing(out));
            zip.setMethod(ZipArchiveOutputStream.DEFLATED);
            zip.setLevel(Deflater.BEST_SPEED);
        }

        @Override
        public void add(Repository repository, String name, Node node) throws IOException {
            ZipArchiveEntry entry = new ZipArchiveEntry(node.type() == NodeType.DIR ? name + "/" : name);
            entry.setUnixMode(unixMode(node));
            entry.setTime(node.mtime().toInstant().toEpochMilli());
            X5455_ExtendedTimestamp time = new X5455_ExtendedTimestamp();
            time.setModifyJavaTime(java.util.Date.from(node.mtime().toInstant()));
            entry.addExtraField(time);
            zip.putArchiveEntry(entry);
            if (node.type() == NodeType.FILE) {
                writeContent(repository, node, zip);
            } else if (node.type() == NodeType.SYMLINK) {
                zip.write(node.linkTarget().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            zip.closeArchiveEntry();
        }

        @Override
        public void close() throws IOException {
            zip.close();
        }
    }

    /** Standard output, left open when the archive is finished. */
    private static final class NonClosing extends FilterOutputStream {

        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    /** The node at {@code path} (absolute, as {@code ls} shows it) below the tree {@code root}. */
    private static Node find(Repository repository, Id root, String path) {
        Tree tree = repository.loadTree(root);
        Node node = null;
        for (String name : path.split("/")) {
            if (name.isEmpty()) {
                continue;
            }
            if (tree == null) {
                throw new BackupException("cannot dump " + path + ": " + node.name() + " is not a directory");
            }
            node = tree.find(name).orElseThrow(() -> new BackupException("cannot dump " + path
                    + ": no such file in the snapshot"));
            tree = node.type() == NodeType.DIR && node.subtree() != null ? repository.loadTree(node.subtree()) : null;
        }
        if (node == null) {
            throw new BackupException("cannot dump " + path + ": name a file in the snapshot");
        }
        return node;
    }
}
