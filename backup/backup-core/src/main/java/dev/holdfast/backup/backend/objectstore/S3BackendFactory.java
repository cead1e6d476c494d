package dev.holdfast.backup.backend.objectstore;

import dev.holdfast.backup.backend.Backend;
import dev.holdfast.backup.backend.BackendException;
import dev.holdfast.backup.backend.BackendFactory;
import dev.holdfast.backup.backend.InvalidLocationException;
import dev.holdfast.backup.backend.TlsException;
import dev.holdfast.backup.backend.TlsSettings;
import dev.holdfast.objectstore.s3.S3Location;
import dev.holdfast.objectstore.s3.S3ObjectStore;
import dev.holdfast.objectstore.s3.S3Settings;
import java.net.URI;
import java.util.Locale;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Opens restic's S3 locations: {@code s3:https://host[:port]/bucket[/prefix]}, {@code s3:http://...}, and
 * {@code s3:host[:port]/bucket[/prefix]} (HTTPS). {@code create} makes the bucket when it is missing, as restic does.
 *
 * <p>Requests are sent as restic's own client sends them: the whole body signed, no {@code aws-chunked} encoding and
 * no extra checksums unless an operation needs them. The S3-compatible servers restic users run (MinIO, Ceph, Garage,
 * s3rver) differ in their support for those newer SDK defaults.
 */
public final class S3BackendFactory implements BackendFactory {

    /** How buckets are addressed, as restic's {@code -o s3.bucket-lookup}. */
    public enum BucketLookup {
        /** Virtual-host style on AWS's own endpoints, path style elsewhere. */
        AUTO,
        /** {@code https://bucket.host/} */
        DNS,
        /** {@code https://host/bucket/} */
        PATH;

        public static BucketLookup parse(String value) {
            try {
                return valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidLocationException("s3.bucket-lookup must be auto, dns or path, was '" + value + "'");
            }
        }
    }

    private final S3Settings settings;
    private final BucketLookup lookup;
    private final int connections;
    private final TlsSettings tls;

    public S3BackendFactory(S3Settings settings, BucketLookup lookup, int connections) {
        this(settings, lookup, connections, TlsSettings.SYSTEM);
    }

    /** @param tls how {@code https} endpoints are checked and which client certificate is shown */
    public S3BackendFactory(S3Settings settings, BucketLookup lookup, int connections, TlsSettings tls) {
        this.settings = settings;
        this.lookup = lookup;
        this.connections = connections;
        this.tls = tls;
    }

    @Override
    public String scheme() {
        return "s3";
    }

    @Override
    public int connections() {
        return connections;
    }

    /** restic's spelling as the objectstore's: a bare host first means HTTPS to that host. */
    static S3Location parse(String location) {
        String rest = location.substring("s3:".length());
        String url = rest.contains("://") ? rest : "https://" + rest;
        try {
            S3Location parsed = S3Location.parse("s3:" + url);
            if (parsed.endpoint() == null) {
                throw new InvalidLocationException("repository location " + location + " has no host");
            }
            return parsed;
        } catch (dev.holdfast.objectstore.InvalidLocationException e) {
            throw new InvalidLocationException("repository location " + location + ": " + e.getMessage()
                    + " (expected s3:https://host/bucket/prefix)");
        }
    }

    boolean pathStyle(URI endpoint) {
        return switch (lookup) {
            case PATH -> true;
            case DNS -> false;
            case AUTO -> !endpoint.getHost().endsWith(".amazonaws.com") && !endpoint.getHost().equals("amazonaws.com");
        };
    }

    @Override
    public Backend open(String location) {
        S3Location where = parse(location);
        S3Settings effective = settings.withPathStyle(pathStyle(where.endpoint()));
        S3ObjectStore store = S3ObjectStore.open(where, effective, builder -> {
            builder.serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
            return tls.isSystemDefault() ? builder : builder.httpClientBuilder(TlsClients.s3(tls));
        });
        return new ObjectStoreBackend(store, () -> createBucket(store.client(), where));
    }

    private static void createBucket(S3Client client, S3Location where) {
        try {
            client.headBucket(request -> request.bucket(where.bucket()));
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw new BackendException("cannot reach bucket " + where.bucket() + ": " + e.getMessage(), e);
            }
            try {
                client.createBucket(request -> request.bucket(where.bucket()));
            } catch (SdkException created) {
                throw new BackendException("cannot create bucket " + where.bucket() + ": " + created.getMessage(),
                        created);
            }
        } catch (SdkException e) {
            TlsException tls = TlsException.of("cannot reach bucket " + where.bucket(), e);
            throw tls != null ? tls : new BackendException("cannot reach bucket " + where.bucket() + ": "
                    + e.getMessage(), e);
        }
    }
}
