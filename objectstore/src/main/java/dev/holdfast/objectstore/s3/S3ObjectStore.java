package dev.holdfast.objectstore.s3;

import dev.holdfast.objectstore.ByteRange;
import dev.holdfast.objectstore.Content;
import dev.holdfast.objectstore.ContentReadException;
import dev.holdfast.objectstore.NoSuchObjectException;
import dev.holdfast.objectstore.ObjectInfo;
import dev.holdfast.objectstore.ObjectKeys;
import dev.holdfast.objectstore.ObjectPage;
import dev.holdfast.objectstore.ObjectStore;
import dev.holdfast.objectstore.PutOptions;
import dev.holdfast.objectstore.PutResult;
import dev.holdfast.objectstore.TransientObjectStoreException;
import dev.holdfast.objectstore.internal.BoundedInputStream;
import dev.holdfast.objectstore.internal.Checks;
import dev.holdfast.objectstore.internal.SourceStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Objects in one bucket under an optional key prefix. Objects up to the part size go in one PutObject; larger ones, and
 * streams of unknown length that turn out larger, go as a multipart upload that is aborted if anything fails, so no
 * part is left behind and nothing becomes visible. Create-only puts send {@code If-None-Match: *}, which S3 evaluates
 * atomically. Thread-safe; {@link #close()} closes the client.
 */
public final class S3ObjectStore implements ObjectStore {

    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");

    private final S3Client client;
    private final S3Location where;
    private final MultipartUpload multipart;

    S3ObjectStore(S3Client client, S3Location where, S3Settings settings) {
        this.client = client;
        this.where = where;
        this.multipart = new MultipartUpload(client, where.bucket(), settings.partSize(), settings.partConcurrency());
    }

    /** Opens a store at {@code where} with a client built from {@code settings}. */
    public static S3ObjectStore open(S3Location where, S3Settings settings) {
        return open(where, settings, UnaryOperator.identity());
    }

    /**
     * Opens a store whose client {@code customizer} may adjust after the settings are applied (tests use it for
     * emulator quirks; production code should not need it).
     */
    public static S3ObjectStore open(S3Location where, S3Settings settings, UnaryOperator<S3ClientBuilder> customizer) {
        return new S3ObjectStore(customizer.apply(builder(where.endpoint(), settings)).build(), where, settings);
    }

    static S3ClientBuilder builder(@Nullable URI endpoint, S3Settings settings) {
        S3ClientBuilder builder = S3Client.builder().forcePathStyle(settings.pathStyle());
        if (settings.region() != null) {
            builder.region(Region.of(settings.region()));
        } else if (endpoint != null) {
            builder.region(Region.US_EAST_1);
        }
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        if (settings.accessKeyId() != null && settings.secretAccessKey() != null) {
            var credentials = settings.sessionToken() == null
                    ? AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey())
                    : AwsSessionCredentials.create(settings.accessKeyId(), settings.secretAccessKey(),
                            settings.sessionToken());
            builder.credentialsProvider(StaticCredentialsProvider.create(credentials));
        } else {
            builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        return builder;
    }

    @Override
    public String location() {
        return where.toString();
    }

    @Override
    public PutResult put(String key, Content content, PutOptions options) {
        String name = name(ObjectKeys.requireValidKey(key));
        SourceStream in = SourceStream.open(key, content);
        try (in) {
            byte[] first = in.readNBytes((int) firstChunk(content));
            byte[] second = first.length < multipart.partSize() ? new byte[0] : in.readNBytes(multipart.partSize());
            if (second.length == 0) {
                in.requireEnd();
                return putSingle(key, name, first, options);
            }
            return multipart.upload(key, name, in, first, second, options);
        } catch (IOException e) {
            throw in.failureOr(new ContentReadException("reading content for key '" + ObjectKeys.printable(key)
                    + "' failed", e));
        } catch (SdkException e) {
            throw in.failureOr(S3Errors.map("put", where.bucket(), key, e));
        }
    }

    private long firstChunk(Content content) {
        return content.knownLength() ? Math.min(content.length(), multipart.partSize()) : multipart.partSize();
    }

    private PutResult putSingle(String key, String name, byte[] bytes, PutOptions options) {
        PutObjectRequest.Builder request = PutObjectRequest.builder()
                .bucket(where.bucket())
                .key(name)
                .contentType(options.effectiveContentType())
                .metadata(options.metadata());
        if (options.createOnly()) {
            request.ifNoneMatch("*");
        }
        String etag = client.putObject(request.build(), RequestBody.fromBytes(bytes)).eTag();
        return new PutResult(key, bytes.length, ObjectInfo.unquote(etag));
    }

    @Override
    public InputStream get(String key, ByteRange range) {
        String name = name(ObjectKeys.requireValidKey(key));
        if (range.length() == 0) {
            stat(key);
            return InputStream.nullInputStream();
        }
        GetObjectRequest.Builder request = GetObjectRequest.builder().bucket(where.bucket()).key(name);
        if (!range.isAll()) {
            request.range("bytes=" + range.offset() + "-" + (range.toEnd() ? "" : range.lastInclusive()));
        }
        try {
            return exactly(client.getObject(request.build()), range);
        } catch (IOException e) {
            throw new TransientObjectStoreException("get of key '" + ObjectKeys.printable(key) + "' in bucket '"
                    + where.bucket() + "' failed: " + e.getMessage(), e);
        } catch (S3Exception e) {
            if (e.statusCode() == 416) {
                return InputStream.nullInputStream();
            }
            throw S3Errors.map("get", where.bucket(), key, e);
        } catch (SdkException e) {
            throw S3Errors.map("get", where.bucket(), key, e);
        }
    }

    /**
     * The bytes of {@code range} from a response: a server may ignore a Range header (RFC 9110) or widen it (s3rver
     * answers {@code bytes=0-0} with the whole object), so the answer's Content-Range decides what to skip and keep.
     */
    private static InputStream exactly(ResponseInputStream<GetObjectResponse> response, ByteRange range)
            throws IOException {
        if (range.isAll()) {
            return response;
        }
        GetObjectResponse answer = response.response();
        long start = 0;
        long total = answer.contentLength() == null ? Long.MAX_VALUE : answer.contentLength();
        Matcher matcher = answer.contentRange() == null ? null : CONTENT_RANGE.matcher(answer.contentRange());
        if (matcher != null && matcher.matches()) {
            start = Long.parseLong(matcher.group(1));
            total = matcher.group(3).equals("*") ? Long.MAX_VALUE : Long.parseLong(matcher.group(3));
        }
        response.skipNBytes(Math.max(0, range.offset() - start));
        return new BoundedInputStream(response, range.lengthWithin(total));
    }

    @Override
    public ObjectInfo stat(String key) {
        String name = name(ObjectKeys.requireValidKey(key));
        try {
            HeadObjectResponse head = client.headObject(r -> r.bucket(where.bucket()).key(name));
            return new ObjectInfo(key, head.contentLength(), ObjectInfo.unquote(head.eTag()), head.lastModified(),
                    head.contentType() == null ? PutOptions.DEFAULT_CONTENT_TYPE : head.contentType(),
                    head.metadata());
        } catch (SdkException e) {
            throw S3Errors.map("stat", where.bucket(), key, e);
        }
    }

    @Override
    public boolean exists(String key) {
        try {
            stat(key);
            return true;
        } catch (NoSuchObjectException e) {
            return false;
        }
    }

    @Override
    public ObjectPage list(String prefix, @Nullable String pageToken, int pageSize) {
        ObjectKeys.requireValidPrefix(prefix);
        Checks.requirePageSize(pageSize);
        try {
            ListObjectsV2Response response = client.listObjectsV2(r -> r.bucket(where.bucket())
                    .prefix(where.prefix() + prefix)
                    .maxKeys(pageSize)
                    .continuationToken(pageToken));
            var objects = response.contents().stream()
                    .map(o -> ObjectInfo.listed(o.key().substring(where.prefix().length()), o.size(),
                            ObjectInfo.unquote(o.eTag()), o.lastModified()))
                    .toList();
            return new ObjectPage(objects, Boolean.TRUE.equals(response.isTruncated())
                    ? response.nextContinuationToken() : null);
        } catch (SdkException e) {
            throw S3Errors.map("list", where.bucket(), prefix + "*", e);
        }
    }

    @Override
    public void delete(String key) {
        String name = name(ObjectKeys.requireValidKey(key));
        try {
            client.deleteObject(r -> r.bucket(where.bucket()).key(name));
        } catch (S3Exception e) {
            if (e.statusCode() != 404 || "NoSuchBucket".equals(errorCode(e))) {
                throw S3Errors.map("delete", where.bucket(), key, e);
            }
        } catch (SdkException e) {
            throw S3Errors.map("delete", where.bucket(), key, e);
        }
    }

    private static @Nullable String errorCode(S3Exception e) {
        return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    }

    private String name(String key) {
        return ObjectKeys.prefixed(where.prefix(), key);
    }

    /** The SDK client, for administration the store does not do (creating buckets, lifecycle rules). */
    public S3Client client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
    }
}
