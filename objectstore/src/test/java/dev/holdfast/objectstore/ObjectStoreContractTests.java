package dev.holdfast.objectstore;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ObjectStore} does, whatever keeps the bytes. An implementation's test class extends this, says how
 * to open a fresh, empty store, and adds tests for what only it has.
 */
public abstract class ObjectStoreContractTests {

    /** Above every implementation's single-request size in the tests, so large objects go as parts or blocks. */
    protected static final long LARGE = 64L << 20;

    protected ObjectStore store;

    /** A fresh store that holds no objects, for one test; the suite closes it. */
    protected abstract ObjectStore newStore();

    /** A store at the same place as {@link #newStore()} but with credentials the server refuses. */
    protected abstract ObjectStore storeWithWrongCredentials();

    /** Why this store cannot enforce create-only puts here, if it cannot; such tests are then skipped with it. */
    protected Optional<String> createOnlyUnsupported() {
        return Optional.empty();
    }

    /**
     * Why concurrent writers of one key can interleave in this store here (an emulator that writes in place), if they
     * can; the test that wants one whole version is then skipped with it.
     */
    protected Optional<String> atomicReplaceUnsupported() {
        return Optional.empty();
    }

    @BeforeEach
    void openStore() {
        store = newStore();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void storesAndReadsBackAnObjectWithItsAttributes() throws IOException {
        PutOptions options = PutOptions.DEFAULTS.withContentType("text/plain; charset=utf-8")
                .withMetadata(Map.of("owner", "crm", "record_id", "42"));
        PutResult put = store.put("docs/hello.txt", Content.of(bytes("hello, world")), options);

        assertThat(put.size()).isEqualTo(12);
        assertThat(read("docs/hello.txt")).isEqualTo("hello, world");
        ObjectInfo info = store.stat("docs/hello.txt");
        assertThat(info.key()).isEqualTo("docs/hello.txt");
        assertThat(info.size()).isEqualTo(12);
        assertThat(info.etag()).isEqualTo(put.etag()).isNotBlank().doesNotStartWith("\"");
        assertThat(info.lastModified()).isBetween(java.time.Instant.now().minusSeconds(300),
                java.time.Instant.now().plusSeconds(300));
        assertThat(info.contentType()).isEqualTo("text/plain; charset=utf-8");
        assertThat(info.metadata()).containsExactlyInAnyOrderEntriesOf(Map.of("owner", "crm", "record_id", "42"));
    }

    @Test
    void reportsOctetStreamWhenNoContentTypeWasGiven() {
        store.put("plain", Content.of(bytes("x")));

        assertThat(store.stat("plain").contentType()).isEqualTo(PutOptions.DEFAULT_CONTENT_TYPE);
    }

    @Test
    void storesEmptyObjects() throws IOException {
        store.put("empty", Content.of(new byte[0]));

        assertThat(store.stat("empty").size()).isZero();
        assertThat(read("empty")).isEmpty();
    }

    @Test
    void replacesAnObjectAndItsEtag() throws IOException {
        String first = store.put("k", Content.of(bytes("one"))).etag();
        String second = store.put("k", Content.of(bytes("second"))).etag();

        assertThat(read("k")).isEqualTo("second");
        assertThat(second).isNotEqualTo(first);
        assertThat(store.stat("k").size()).isEqualTo(6);
    }

    @Test
    void streamsLargeObjectsOfUnknownLengthWithoutLosingAByte() throws IOException {
        long size = LARGE + 12_345;
        GeneratedStream source = GeneratedStream.of(size, 7);

        PutResult put = store.put("large/blob.bin", Content.of(source));

        assertThat(put.size()).isEqualTo(size);
        assertThat(store.stat("large/blob.bin").size()).isEqualTo(size);
        try (InputStream in = store.get("large/blob.bin")) {
            assertThat(GeneratedStream.digestOf(in)).isEqualTo(source.digest());
        }
    }

    @Test
    void storesContentOfKnownLength() throws IOException {
        long size = (6L << 20) + 3;
        store.put("known", Content.of(GeneratedStream.of(size, 11), size));

        try (InputStream in = store.get("known")) {
            assertThat(GeneratedStream.digestOf(in)).isEqualTo(GeneratedStream.digestOf(size, 11));
        }
    }

    @Test
    void readsByteRanges() throws IOException {
        store.put("r", Content.of(bytes("0123456789")));

        assertThat(read("r", ByteRange.of(2, 3))).isEqualTo("234");
        assertThat(read("r", ByteRange.from(7))).isEqualTo("789");
        assertThat(read("r", ByteRange.of(8, 100))).isEqualTo("89");
        assertThat(read("r", ByteRange.of(0, 1))).isEqualTo("0");
        assertThat(read("r", ByteRange.of(4, 0))).isEmpty();
        assertThat(read("r", ByteRange.from(10))).isEmpty();
        assertThat(read("r", ByteRange.of(50, 5))).isEmpty();
    }

    @Test
    void listsThousandsOfKeysAcrossPages() throws Exception {
        int count = 2_100;
        inParallel(16, IntStream.range(0, count).mapToObj(i -> (Callable<Object>) () ->
                store.put("many/%05d".formatted(i), Content.of(bytes(Integer.toString(i))))).toList());
        store.put("other/outside", Content.of(bytes("not listed")));

        List<String> paged = new ArrayList<>();
        int pages = 0;
        String token = null;
        do {
            ObjectPage page = store.list("many/", token, 500);
            assertThat(page.objects()).hasSizeLessThanOrEqualTo(500);
            page.objects().forEach(o -> paged.add(o.key()));
            token = page.nextPageToken();
            pages++;
        } while (token != null);

        List<String> expected = IntStream.range(0, count).mapToObj("many/%05d"::formatted).toList();
        assertThat(pages).isGreaterThanOrEqualTo(5);
        assertThat(paged).containsExactlyElementsOf(expected);
        assertThat(store.list("many/").map(ObjectInfo::key).toList()).containsExactlyElementsOf(expected);
        assertThat(store.list("many/00042", null, 10).objects()).singleElement()
                .satisfies(o -> assertThat(o.size()).isEqualTo(2));
    }

    @Test
    void listsOnlyKeysUnderThePrefix() {
        for (String key : List.of("a/1", "a/2", "a/b/3", "ab/4", "b/5", "a-6")) {
            store.put(key, Content.of(bytes(key)));
        }

        assertThat(keys("a/")).containsExactly("a/1", "a/2", "a/b/3");
        assertThat(keys("a")).containsExactlyInAnyOrder("a-6", "a/1", "a/2", "a/b/3", "ab/4");
        assertThat(keys("a/b")).containsExactly("a/b/3");
        assertThat(keys("")).hasSize(6);
        assertThat(keys("nothing/")).isEmpty();
    }

    @Test
    void roundTripsUnicodeAndPunctuationInKeys() throws IOException {
        List<String> keys = List.of("unicode/Ünïcödé.txt", "unicode/日本語/ファイル", "unicode/emoji 😀 🎉",
                "unicode/space and+plus%25percent&amp=eq?q#hash", "unicode/Ελληνικά/ß");
        for (String key : keys) {
            store.put(key, Content.of(bytes("content of " + key)));
        }

        for (String key : keys) {
            assertThat(read(key)).isEqualTo("content of " + key);
            assertThat(store.stat(key).key()).isEqualTo(key);
        }
        assertThat(keys("unicode/")).containsExactlyInAnyOrderElementsOf(keys);
        assertThat(keys("unicode/日本語/")).containsExactly("unicode/日本語/ファイル");
    }

    @Test
    void createOnlyPutRefusesATakenKeyAndKeepsTheObject() throws IOException {
        assumeCreateOnly();
        store.create("lock", Content.of(bytes("first")));

        assertThatThrownBy(() -> store.create("lock", Content.of(bytes("second"))))
                .isInstanceOf(ObjectAlreadyExistsException.class)
                .hasMessageContaining("'lock'");
        assertThat(read("lock")).isEqualTo("first");
        store.delete("lock");
        store.create("lock", Content.of(bytes("third")));
        assertThat(read("lock")).isEqualTo("third");
    }

    @Test
    void createOnlyPutOfALargeObjectRefusesATakenKey() throws IOException {
        assumeCreateOnly();
        store.put("big-lock", Content.of(bytes("small")));

        assertThatThrownBy(() -> store.create("big-lock", Content.of(GeneratedStream.of(20L << 20, 3))))
                .isInstanceOf(ObjectAlreadyExistsException.class);
        assertThat(read("big-lock")).isEqualTo("small");
    }

    @Test
    void concurrentCreateOnlyPutsHaveExactlyOneWinner() throws Exception {
        assumeCreateOnly();
        int writers = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Boolean>> calls = IntStream.range(0, writers).mapToObj(i -> (Callable<Boolean>) () -> {
            start.await();
            try {
                store.create("race", Content.of(bytes("writer " + i)));
                return true;
            } catch (ObjectAlreadyExistsException e) {
                return false;
            }
        }).toList();

        List<Boolean> won = inParallel(writers, calls, start);

        assertThat(won).containsOnlyOnce(true);
        assertThat(read("race")).isEqualTo("writer " + won.indexOf(true));
    }

    @Test
    void concurrentWritersOfOneKeyLeaveOneWholeVersion() throws Exception {
        atomicReplaceUnsupported().ifPresent(reason -> Assumptions.abort("atomic replace not testable here: " + reason));
        int writers = 8;
        int size = 256 * 1024;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Object>> calls = IntStream.range(0, writers).mapToObj(i -> (Callable<Object>) () -> {
            start.await();
            return store.put("contended", Content.of(GeneratedStream.of(size, 100 + i), size));
        }).toList();

        inParallel(writers, calls, start);

        byte[] stored;
        try (InputStream in = store.get("contended")) {
            stored = GeneratedStream.digestOf(in);
        }
        Set<String> versions = new HashSet<>();
        for (int i = 0; i < writers; i++) {
            versions.add(java.util.HexFormat.of().formatHex(GeneratedStream.digestOf(size, 100 + i)));
        }
        assertThat(versions).contains(java.util.HexFormat.of().formatHex(stored));
        assertThat(store.stat("contended").size()).isEqualTo(size);
    }

    @Test
    void concurrentWritersOfDistinctKeysAllSucceed() throws Exception {
        int writers = 16;
        inParallel(writers, IntStream.range(0, writers).mapToObj(i -> (Callable<Object>) () ->
                store.put("parallel/" + i, Content.of(GeneratedStream.of(100_000, i), 100_000))).toList());

        for (int i = 0; i < writers; i++) {
            try (InputStream in = store.get("parallel/" + i)) {
                assertThat(GeneratedStream.digestOf(in)).isEqualTo(GeneratedStream.digestOf(100_000, i));
            }
        }
    }

    @Test
    void missingObjectsAreNoSuchObject() {
        assertThatThrownBy(() -> store.get("missing/key")).isInstanceOf(NoSuchObjectException.class)
                .hasMessageContaining("'missing/key'");
        assertThatThrownBy(() -> store.get("missing/key", ByteRange.of(5, 10)))
                .isInstanceOf(NoSuchObjectException.class);
        assertThatThrownBy(() -> store.stat("missing/key")).isInstanceOf(NoSuchObjectException.class)
                .satisfies(e -> assertThat(((NoSuchObjectException) e).key()).isEqualTo("missing/key"));
        assertThat(store.exists("missing/key")).isFalse();
    }

    @Test
    void deleteRemovesAnObjectAndIsIdempotent() {
        store.put("gone", Content.of(bytes("x")));
        assertThat(store.exists("gone")).isTrue();

        store.delete("gone");
        store.delete("gone");
        store.delete("never/was/here");

        assertThat(store.exists("gone")).isFalse();
        assertThat(keys("")).isEmpty();
    }

    @Test
    void wrongCredentialsFailWithAnAccessError() {
        try (ObjectStore refused = storeWithWrongCredentials()) {
            assertThatThrownBy(() -> refused.put("secret", Content.of(bytes("x"))))
                    .isInstanceOf(ObjectStoreAccessException.class)
                    .hasMessageContaining("refused");
            assertThatThrownBy(() -> refused.stat("secret")).isInstanceOf(ObjectStoreAccessException.class);
            assertThatThrownBy(() -> refused.list("", null, 10)).isInstanceOf(ObjectStoreAccessException.class);
        }
    }

    @Test
    void uploadCutOffMidwayLeavesNoObject() {
        long size = 24L << 20;
        assertThatThrownBy(() -> store.put("cut/large", Content.of(GeneratedStream.failingAfter(size, 5, 21L << 20))))
                .isInstanceOf(ContentReadException.class)
                .hasMessageContaining("'cut/large'")
                .hasRootCauseMessage("generated failure after " + (21L << 20) + " bytes");
        assertThatThrownBy(() -> store.put("cut/small", Content.of(GeneratedStream.failingAfter(10_000, 5, 5_000))))
                .isInstanceOf(ContentReadException.class);

        assertThat(store.exists("cut/large")).isFalse();
        assertThat(store.exists("cut/small")).isFalse();
        assertThat(keys("")).isEmpty();
    }

    @Test
    void uploadCutOffMidwayKeepsThePreviousObject() throws IOException {
        store.put("kept", Content.of(bytes("previous")));

        assertThatThrownBy(() -> store.put("kept", Content.of(GeneratedStream.failingAfter(12L << 20, 5, 11L << 20))))
                .isInstanceOf(ContentReadException.class);

        assertThat(read("kept")).isEqualTo("previous");
    }

    @Test
    void contentShorterOrLongerThanDeclaredStoresNothing() {
        assertThatThrownBy(() -> store.put("short", Content.of(new ByteArrayInputStream(new byte[500]), 1000)))
                .isInstanceOf(ContentReadException.class).hasMessageContaining("500 of 1000");
        assertThatThrownBy(() -> store.put("long", Content.of(new ByteArrayInputStream(new byte[1500]), 1000)))
                .isInstanceOf(ContentReadException.class).hasMessageContaining("longer");

        assertThat(store.exists("short")).isFalse();
        assertThat(store.exists("long")).isFalse();
    }

    @Test
    void rejectsInvalidKeysWithTheRuleTheyBreak() {
        assertThatThrownBy(() -> store.put("a/../b", Content.of(bytes("x"))))
                .isInstanceOf(InvalidKeyException.class).hasMessageContaining("'..'");
        assertThatThrownBy(() -> store.get("/etc/passwd")).isInstanceOf(InvalidKeyException.class)
                .hasMessageContaining("absolute");
        assertThatThrownBy(() -> store.stat("x".repeat(1025))).isInstanceOf(InvalidKeyException.class)
                .hasMessageContaining("1024");
        assertThatThrownBy(() -> store.delete("")).isInstanceOf(InvalidKeyException.class);
        assertThatThrownBy(() -> store.list("../", null, 10)).isInstanceOf(InvalidKeyException.class);
    }

    private void assumeCreateOnly() {
        createOnlyUnsupported().ifPresent(reason -> Assumptions.abort("create-only not testable here: " + reason));
    }

    protected static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    protected String read(String key) throws IOException {
        return read(key, ByteRange.ALL);
    }

    protected String read(String key, ByteRange range) throws IOException {
        try (InputStream in = store.get(key, range)) {
            return new String(in.readAllBytes(), UTF_8);
        }
    }

    protected List<String> keys(String prefix) {
        return store.list(prefix).map(ObjectInfo::key).toList();
    }

    private static <T> List<T> inParallel(int threads, List<? extends Callable<T>> calls) throws Exception {
        return inParallel(threads, calls, null);
    }

    private static <T> List<T> inParallel(int threads, List<? extends Callable<T>> calls, CountDownLatch start)
            throws Exception {
        try (ExecutorService executor = Executors.newFixedThreadPool(threads)) {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> call : calls) {
                futures.add(executor.submit(call));
            }
            if (start != null) {
                start.countDown();
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        }
    }
}
