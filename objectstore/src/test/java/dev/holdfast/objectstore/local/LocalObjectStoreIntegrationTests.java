package dev.holdfast.objectstore.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.objectstore.Content;
import dev.holdfast.objectstore.ContentReadException;
import dev.holdfast.objectstore.GeneratedStream;
import dev.holdfast.objectstore.InvalidKeyException;
import dev.holdfast.objectstore.ObjectStore;
import dev.holdfast.objectstore.ObjectStoreAccessException;
import dev.holdfast.objectstore.ObjectStoreContractTests;
import dev.holdfast.objectstore.ObjectStoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local store on a real directory: the shared contract plus what a file system adds (links, leftovers). */
class LocalObjectStoreIntegrationTests extends ObjectStoreContractTests {

    @TempDir
    Path dir;

    @Override
    protected ObjectStore newStore() {
        return LocalObjectStore.open(dir.resolve("root"));
    }

    @Override
    protected ObjectStore storeWithWrongCredentials() {
        Assumptions.abort("the local store has no credentials; permissions are the operating system's");
        throw new AssertionError();
    }

    @Test
    void storesObjectsAsFilesUnderTheRoot() throws IOException {
        store.put("a/b/c.txt", Content.of(bytes("abc")));

        assertThat(dir.resolve("root/a/b/c.txt")).hasContent("abc");
    }

    @Test
    void refusesToFollowASymbolicLinkOutOfTheRoot() throws IOException {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("secret"), "secret");
        Files.createSymbolicLink(dir.resolve("root/escape"), outside);
        Files.createSymbolicLink(dir.resolve("root/link"), outside.resolve("secret"));

        assertThatThrownBy(() -> store.get("escape/secret")).isInstanceOf(ObjectStoreAccessException.class)
                .hasMessageContaining("symbolic link 'escape'");
        assertThatThrownBy(() -> store.put("escape/planted", Content.of(bytes("x"))))
                .isInstanceOf(ObjectStoreAccessException.class);
        assertThatThrownBy(() -> store.stat("link")).isInstanceOf(ObjectStoreAccessException.class);
        assertThatThrownBy(() -> store.delete("escape/secret")).isInstanceOf(ObjectStoreAccessException.class);
        assertThat(keys("")).isEmpty();
        assertThat(outside.resolve("planted")).doesNotExist();
        assertThat(outside.resolve("secret")).hasContent("secret");
    }

    @Test
    void reservesItsTemporaryDirectory() {
        assertThatThrownBy(() -> store.put(LocalObjectStore.TEMP_DIR + "/x", Content.of(bytes("x"))))
                .isInstanceOf(InvalidKeyException.class).hasMessageContaining("reserved");
    }

    @Test
    void leavesNoTemporaryFilesBehindAfterAFailedUpload() throws IOException {
        assertThatThrownBy(() -> store.put("broken", Content.of(GeneratedStream.failingAfter(3 << 20, 1, 2 << 20))))
                .isInstanceOf(ContentReadException.class);
        store.put("fine", Content.of(bytes("ok")));

        try (var leftovers = Files.list(dir.resolve("root").resolve(LocalObjectStore.TEMP_DIR))) {
            assertThat(leftovers).isEmpty();
        }
    }

    @Test
    void removesDirectoriesThatDeletesLeaveEmpty() {
        store.put("deep/er/still/x", Content.of(bytes("x")));
        store.put("deep/y", Content.of(bytes("y")));

        store.delete("deep/er/still/x");

        assertThat(dir.resolve("root/deep/er")).doesNotExist();
        assertThat(dir.resolve("root/deep/y")).exists();
    }

    @Test
    void explainsAKeyThatWouldNestUnderAnObject() {
        store.put("file", Content.of(bytes("x")));

        assertThatThrownBy(() -> store.put("file/child", Content.of(bytes("y"))))
                .isInstanceOf(ObjectStoreException.class)
                .hasMessageContaining("'file' is an object, not a directory");
    }

    @Test
    void treatsADirectoryOfObjectsAsNoObject() {
        store.put("dir/child", Content.of(bytes("x")));

        assertThatThrownBy(() -> store.get("dir")).isInstanceOf(dev.holdfast.objectstore.NoSuchObjectException.class);
        assertThatThrownBy(() -> store.stat("dir")).isInstanceOf(dev.holdfast.objectstore.NoSuchObjectException.class);
        assertThat(store.exists("dir")).isFalse();
        store.delete("dir");
        assertThat(store.exists("dir/child")).isTrue();
    }
}
