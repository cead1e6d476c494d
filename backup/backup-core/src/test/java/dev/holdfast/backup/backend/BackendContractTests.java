package dev.holdfast.backup.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.backup.Id;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every backend must do; an implementation extends this and says how to make one. */
public abstract class BackendContractTests {

    protected Backend backend;

    /** A fresh, empty backend. */
    protected abstract Backend newBackend() throws Exception;

    @BeforeEach
    void createBackend() throws Exception {
        backend = newBackend();
        backend.create();
    }

    private static Handle handle(FileType type, String content) {
        return new Handle(type, Id.hash(content.getBytes(StandardCharsets.UTF_8)).hex());
    }

    @Test
    void savesAndLoadsWholeFilesAndRanges() {
        Handle pack = handle(FileType.DATA, "pack");
        backend.save(pack, "0123456789".getBytes(StandardCharsets.UTF_8));

        assertThat(backend.load(pack, 0, 0)).asString().isEqualTo("0123456789");
        assertThat(backend.load(pack, 3, 4)).asString().isEqualTo("3456");
        assertThat(backend.load(pack, 7, 0)).asString().isEqualTo("789");
        assertThat(backend.size(pack)).isEqualTo(10);
        assertThat(backend.exists(pack)).isTrue();
    }

    @Test
    void savesALocalFileThatTheCallerThenRemoves(@TempDir Path temp) throws Exception {
        Handle pack = handle(FileType.DATA, "from a file");
        Path source = temp.resolve("pack.tmp");
        Files.writeString(source, "built in a temporary file");

        backend.save(pack, source);
        Files.delete(source);

        assertThat(backend.load(pack, 0, 0)).asString().isEqualTo("built in a temporary file");
        assertThat(backend.size(pack)).isEqualTo(25);
    }

    @Test
    void loadsRangesIntoAReusedBuffer() {
        Handle pack = handle(FileType.DATA, "pack");
        backend.save(pack, "0123456789".getBytes(StandardCharsets.UTF_8));
        byte[] buffer = "xxxxxxxx".getBytes(StandardCharsets.UTF_8);

        backend.load(pack, 6, 4, buffer);
        assertThat(buffer).asString().isEqualTo("6789xxxx");
        backend.load(pack, 1, 3, buffer);
        assertThat(buffer).asString().isEqualTo("1239xxxx");
        assertThatThrownBy(() -> backend.load(pack, 8, 4, buffer)).isInstanceOf(BackendException.class);
        assertThatThrownBy(() -> backend.load(handle(FileType.DATA, "missing"), 0, 1, buffer))
                .isInstanceOf(MissingFileException.class);
    }

    @Test
    void listsFilesOfOneTypeWithSizes() {
        backend.save(handle(FileType.SNAPSHOT, "a"), new byte[3]);
        backend.save(handle(FileType.SNAPSHOT, "b"), new byte[5]);
        backend.save(handle(FileType.DATA, "c"), new byte[7]);
        backend.save(Handle.config(), new byte[1]);

        assertThat(backend.list(FileType.SNAPSHOT)).extracting(FileInfo::size).containsExactlyInAnyOrder(3L, 5L);
        assertThat(backend.list(FileType.DATA)).extracting(FileInfo::name)
                .containsExactly(handle(FileType.DATA, "c").name());
        assertThat(backend.list(FileType.INDEX)).isEmpty();
        assertThat(backend.load(Handle.config(), 0, 0)).hasSize(1);
    }

    @Test
    void reportsMissingFilesAsMissing() {
        Handle missing = handle(FileType.INDEX, "missing");

        assertThat(backend.exists(missing)).isFalse();
        assertThatThrownBy(() -> backend.load(missing, 0, 0)).isInstanceOf(MissingFileException.class);
        assertThatThrownBy(() -> backend.size(missing)).isInstanceOf(MissingFileException.class);
        backend.remove(missing);
    }

    @Test
    void removesFiles() {
        Handle lock = handle(FileType.LOCK, "lock");
        backend.save(lock, new byte[1]);

        backend.remove(lock);

        assertThat(backend.exists(lock)).isFalse();
        assertThat(backend.list(FileType.LOCK)).isEmpty();
    }

    @Test
    void refusesToCreateOverAnExistingRepository() {
        backend.save(Handle.config(), new byte[1]);

        assertThatThrownBy(() -> backend.create()).isInstanceOf(ConfigExistsException.class);
        assertThat(List.of(backend.location())).doesNotContainNull();
    }
}
