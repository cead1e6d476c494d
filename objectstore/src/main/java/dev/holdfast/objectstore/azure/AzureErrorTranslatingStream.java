package dev.holdfast.objectstore.azure;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A download stream whose SDK failures surface as the library's exceptions (a blob replaced while being read fails
 * with the etag condition, a dropped connection is transient) instead of the SDK's own. Not thread-safe.
 */
final class AzureErrorTranslatingStream extends FilterInputStream {

    private final AzureObjectStore store;
    private final String key;

    AzureErrorTranslatingStream(InputStream in, AzureObjectStore store, String key) {
        super(in);
        this.store = store;
        this.key = key;
    }

    @Override
    public int read() throws IOException {
        try {
            return in.read();
        } catch (RuntimeException e) {
            throw AzureErrors.map("get", store.containerName(), key, e);
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            return in.read(b, off, len);
        } catch (RuntimeException e) {
            throw AzureErrors.map("get", store.containerName(), key, e);
        }
    }
}
