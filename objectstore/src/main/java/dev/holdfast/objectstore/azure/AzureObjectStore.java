package dev.holdfast.objectstore.azure;

import com.azure.core.http.rest.PagedResponse;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobHttpHeaders;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.BlobRange;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.models.ParallelTransferOptions;
import com.azure.storage.blob.options.BlobParallelUploadOptions;
import com.azure.storage.common.StorageSharedKeyCredential;
import com.azure.core.util.Context;
import dev.holdfast.objectstore.ByteRange;
import dev.holdfast.objectstore.Content;
import dev.holdfast.objectstore.ObjectInfo;
import dev.holdfast.objectstore.ObjectKeys;
import dev.holdfast.objectstore.ObjectPage;
import dev.holdfast.objectstore.ObjectStore;
import dev.holdfast.objectstore.PutOptions;
import dev.holdfast.objectstore.PutResult;
import dev.holdfast.objectstore.internal.Checks;
import dev.holdfast.objectstore.internal.PrefetchingInputStream;
import dev.holdfast.objectstore.internal.SourceStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Objects as block blobs in one container under an optional prefix. Uploads set the access tier ({@link Tier#COOL} by
 * default) in the same request; objects larger than the block size go as staged blocks committed at the end, so an
 * upload that fails midway commits nothing and leaves no visible blob. Downloads fetch block-size chunks, several at
 * once. Create-only puts send
 * {@code If-None-Match: *}. Thread-safe.
 */
public final class AzureObjectStore implements ObjectStore {

    /** Largest chunk one download request asks for, in bytes. */
    private static final long MAX_DOWNLOAD_CHUNK = 64L << 20;

    private final BlobContainerClient container;
    private final AzureLocation where;
    private final AzureSettings settings;

    AzureObjectStore(BlobContainerClient container, AzureLocation where, AzureSettings settings) {
        this.container = container;
        this.where = where;
        this.settings = settings;
    }

    /** Opens a store at {@code where} with a client built from {@code settings}. */
    public static AzureObjectStore open(AzureLocation where, AzureSettings settings) {
        return open(where, settings, UnaryOperator.identity());
    }

    /** Opens a store whose client {@code customizer} may adjust after the settings are applied (tests, diagnostics). */
    public static AzureObjectStore open(AzureLocation where, AzureSettings settings,
            UnaryOperator<BlobServiceClientBuilder> customizer) {
        BlobServiceClientBuilder builder = new BlobServiceClientBuilder();
        if (settings.connectionString() != null) {
            builder.connectionString(settings.connectionString());
        } else {
            builder.endpoint(settings.effectiveEndpoint().toString());
            if (settings.accountKey() != null) {
                builder.credential(new StorageSharedKeyCredential(settings.accountName(), settings.accountKey()));
            } else {
                builder.sasToken(settings.sasToken());
            }
        }
        var service = customizer.apply(builder).buildClient();
        return new AzureObjectStore(service.getBlobContainerClient(where.container()), where, settings);
    }

    @Override
    public String location() {
        return where.toString();
    }

    @Override
    public PutResult put(String key, Content content, PutOptions options) {
        BlobClient blob = blob(key);
        SourceStream in = SourceStream.open(key, content);
        try (in) {
            BlobParallelUploadOptions upload = (content.knownLength()
                            ? new BlobParallelUploadOptions(in, content.length())
                            : new BlobParallelUploadOptions(in))
                    .setParallelTransferOptions(new ParallelTransferOptions()
                            .setBlockSizeLong(settings.blockSize())
                            .setMaxSingleUploadSizeLong(settings.blockSize())
                            .setMaxConcurrency(settings.blockConcurrency()))
                    .setTier(settings.tier().sdk())
                    .setHeaders(new BlobHttpHeaders().setContentType(options.effectiveContentType()))
                    .setMetadata(options.metadata());
            if (options.createOnly()) {
                upload.setRequestConditions(new BlobRequestConditions().setIfNoneMatch("*"));
            }
            var item = blob.uploadWithResponse(upload, null, Context.NONE).getValue();
            if (content.knownLength()) {
                in.requireEnd();
            }
            return new PutResult(key, in.count(), ObjectInfo.unquote(item.getETag()));
        } catch (IOException e) {
            throw in.failureOr(new dev.holdfast.objectstore.ContentReadException(
                    "reading content for key '" + ObjectKeys.printable(key) + "' failed", e));
        } catch (RuntimeException e) {
            throw in.failureOr(AzureErrors.map("put", where.container(), key, e));
        }
    }

    /**
     * Downloads in chunks of the block size, up to the block concurrency at once; every chunk is read with
     * {@code If-Match} of the etag seen first, so a blob replaced during the read fails the read instead of mixing
     * versions.
     */
    @Override
    public InputStream get(String key, ByteRange range) {
        BlobClient blob = blob(key);
        try {
            BlobProperties properties = blob.getProperties();
            long length = range.lengthWithin(properties.getBlobSize());
            if (length == 0) {
                return InputStream.nullInputStream();
            }
            var conditions = new BlobRequestConditions().setIfMatch(properties.getETag());
            int chunk = (int) Math.min(settings.blockSize(), MAX_DOWNLOAD_CHUNK);
            return new PrefetchingInputStream((offset, size) -> download(blob, key, offset, size, conditions),
                    range.offset(), length, chunk, settings.blockConcurrency());
        } catch (RuntimeException e) {
            throw AzureErrors.map("get", where.container(), key, e);
        }
    }

    private byte[] download(BlobClient blob, String key, long offset, int length, BlobRequestConditions conditions) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(length);
        try {
            blob.downloadStreamWithResponse(out, new BlobRange(offset, (long) length), null, conditions, false, null,
                    Context.NONE);
            return out.toByteArray();
        } catch (RuntimeException e) {
            throw AzureErrors.map("get", where.container(), key, e);
        }
    }

    @Override
    public ObjectInfo stat(String key) {
        try {
            BlobProperties p = blob(key).getProperties();
            return new ObjectInfo(key, p.getBlobSize(), ObjectInfo.unquote(p.getETag()),
                    p.getLastModified().toInstant(),
                    p.getContentType() == null ? PutOptions.DEFAULT_CONTENT_TYPE : p.getContentType(),
                    p.getMetadata());
        } catch (RuntimeException e) {
            throw AzureErrors.map("stat", where.container(), key, e);
        }
    }

    @Override
    public boolean exists(String key) {
        BlobClient blob = blob(key);
        try {
            return blob.exists();
        } catch (RuntimeException e) {
            throw AzureErrors.map("exists", where.container(), key, e);
        }
    }

    @Override
    public ObjectPage list(String prefix, @Nullable String pageToken, int pageSize) {
        ObjectKeys.requireValidPrefix(prefix);
        Checks.requirePageSize(pageSize);
        try {
            var options = new ListBlobsOptions().setPrefix(where.prefix() + prefix).setMaxResultsPerPage(pageSize);
            PagedResponse<BlobItem> page = container.listBlobs(options, pageToken, null)
                    .iterableByPage(pageToken, pageSize).iterator().next();
            var objects = page.getValue().stream()
                    .map(item -> ObjectInfo.listed(item.getName().substring(where.prefix().length()),
                            item.getProperties().getContentLength(),
                            ObjectInfo.unquote(item.getProperties().getETag()),
                            item.getProperties().getLastModified().toInstant()))
                    .toList();
            String next = page.getContinuationToken();
            return new ObjectPage(objects, next == null || next.isEmpty() ? null : next);
        } catch (RuntimeException e) {
            throw AzureErrors.map("list", where.container(), prefix + "*", e);
        }
    }

    @Override
    public void delete(String key) {
        BlobClient blob = blob(key);
        try {
            blob.deleteIfExists();
        } catch (RuntimeException e) {
            throw AzureErrors.map("delete", where.container(), key, e);
        }
    }

    /** The SDK's container client, for administration the store does not do (creating the container, policies). */
    public BlobContainerClient container() {
        return container;
    }

    private BlobClient blob(String key) {
        return container.getBlobClient(ObjectKeys.prefixed(where.prefix(), key));
    }
}
