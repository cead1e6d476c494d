package dev.holdfast.backup.archiver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.backup.Compression;
import dev.holdfast.backup.Node;
import dev.holdfast.backup.Snapshot;
import dev.holdfast.backup.backend.local.LocalBackend;
import dev.holdfast.backup.interop.Fixtures;
import dev.holdfast.backup.repository.Repository;
import dev.holdfast.backup.walker.TreeWalker;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Extended attributes of a file the parent snapshot already has (same inode, same ctime) are taken from the parent
 * instead of being listed again; a backup with a parent therefore records exactly what one without records, and an
 * attribute set since (which changes the ctime) is read.
 */
class ExtendedAttributesIntegrationTests {

    @TempDir
    Path temp;

    @Test
    void recordsWhatAFreshReadRecordsWhetherAttributesChangedOrNot() throws Exception {
        Path source = Files.createDirectories(temp.resolve("src/dir"));
        Files.writeString(source.resolve("changed"), "a");
        Files.writeString(source.resolve("added"), "b");
        Files.writeString(source.resolve("kept"), "c");
        attribute(source.resolve("changed"), "note", "before");
        attribute(source.resolve("kept"), "note", "kept");
        attribute(source, "folder", "d");
        try (Repository repository = Repository.init(new LocalBackend(temp.resolve("repo")), "pw",
                Fixtures.options(Compression.AUTO), null)) {
            Archiver archiver = new Archiver(repository);
            Snapshot first = archiver.backup(List.of(temp.resolve("src")), BackupOptions.of("h")).snapshot();
            attribute(source.resolve("changed"), "note", "after");
            attribute(source.resolve("added"), "new", "value");

            Snapshot withParent = archiver.backup(List.of(temp.resolve("src")), BackupOptions.of("h")
                    .withParent(first)).snapshot();
            Snapshot fresh = archiver.backup(List.of(temp.resolve("src")), BackupOptions.of("h")).snapshot();
            attribute(source.resolve("kept"), "note", "changed, ctime ignored");
            Snapshot ignoringCtime = archiver.backup(List.of(temp.resolve("src")), new BackupOptions("h", List.of(),
                    withParent, Exclusions.NONE, null, Set.of(BackupOptions.Flag.IGNORE_CTIME))).snapshot();

            Map<String, String> recorded = attributes(repository, withParent);
            assertThat(recorded).isEqualTo(attributes(repository, fresh))
                    .containsEntry(source.resolve("changed").toString(), "user.note=" + hex("after"))
                    .containsEntry(source.resolve("added").toString(), "user.new=" + hex("value"))
                    .containsEntry(source.resolve("kept").toString(), "user.note=" + hex("kept"))
                    .containsEntry(source.toString(), "user.folder=" + hex("d"));
            assertThat(attributes(repository, ignoringCtime))
                    .containsEntry(source.resolve("kept").toString(), "user.note=" + hex("changed, ctime ignored"));
        }
    }

    private static void attribute(Path path, String name, String value) throws IOException {
        Files.getFileAttributeView(path, UserDefinedFileAttributeView.class)
                .write(name, ByteBuffer.wrap(value.getBytes(StandardCharsets.UTF_8)));
    }

    private static String hex(String value) {
        return HexFormat.of().formatHex(value.getBytes(StandardCharsets.UTF_8));
    }

    /** Per path in the snapshot, its extended attributes as name=hex, comma-separated. */
    private static Map<String, String> attributes(Repository repository, Snapshot snapshot) {
        Map<String, String> result = new TreeMap<>();
        new TreeWalker(repository).walk(snapshot.tree(), (path, node) -> {
            StringBuilder text = new StringBuilder();
            for (Node.ExtendedAttribute attribute : node.extendedAttributes()) {
                text.append(text.isEmpty() ? "" : ",").append(attribute.name()).append('=')
                        .append(HexFormat.of().formatHex(attribute.value()));
            }
            result.put(path, text.toString());
        });
        return result;
    }
}
