package dev.holdfast.objectstore.local;

import dev.holdfast.objectstore.PutOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** Content type and metadata in user extended attributes ({@code user.holdfast.*}), where the file system has them. */
record Attributes(boolean supported) {

    private static final String CONTENT_TYPE = "holdfast.content-type";
    private static final String META = "holdfast.meta.";

    record Stored(String contentType, Map<String, String> metadata) {}

    /** Finds out, with a scratch file in {@code dir}, whether user attributes can be written there. */
    static Attributes probe(Path dir) {
        Path probe = null;
        try {
            probe = Files.createTempFile(dir, "probe-", ".tmp");
            view(probe).write(CONTENT_TYPE, ByteBuffer.wrap(new byte[] {'x'}));
            return new Attributes(true);
        } catch (IOException | UnsupportedOperationException | NullPointerException e) {
            return new Attributes(false);
        } finally {
            deleteQuietly(probe);
        }
    }

    void write(Path file, PutOptions options) throws IOException {
        if (!supported) {
            return;
        }
        UserDefinedFileAttributeView view = view(file);
        view.write(CONTENT_TYPE, StandardCharsets.UTF_8.encode(options.effectiveContentType()));
        for (var entry : options.metadata().entrySet()) {
            view.write(META + entry.getKey(), StandardCharsets.US_ASCII.encode(entry.getValue()));
        }
    }

    Stored read(Path file) throws IOException {
        if (!supported) {
            return new Stored(PutOptions.DEFAULT_CONTENT_TYPE, Map.of());
        }
        UserDefinedFileAttributeView view = view(file);
        String contentType = PutOptions.DEFAULT_CONTENT_TYPE;
        Map<String, String> metadata = new TreeMap<>();
        for (String name : view.list()) {
            if (name.equals(CONTENT_TYPE)) {
                contentType = read(view, name);
            } else if (name.startsWith(META)) {
                metadata.put(name.substring(META.length()), read(view, name));
            }
        }
        return new Stored(contentType, metadata);
    }

    private static String read(UserDefinedFileAttributeView view, String name) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(view.size(name));
        view.read(name, buffer);
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
    }

    private static UserDefinedFileAttributeView view(Path file) {
        return Files.getFileAttributeView(file, UserDefinedFileAttributeView.class);
    }

    private static void deleteQuietly(@Nullable Path file) {
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException ignored) {
            // a leftover probe file in the temporary directory is harmless
        }
    }
}
