package dev.holdfast.objectstore.s3;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How to reach S3; the location string says which bucket and prefix. Immutable.
 *
 * @param region signing region; {@code null} uses the SDK's region chain for AWS, and {@code us-east-1} for a custom
 *     endpoint
 * @param pathStyle address buckets as {@code https://host/bucket} instead of {@code https://bucket.host}; most
 *     self-hosted servers want it
 * @param accessKeyId static key; {@code null} uses the SDK's default credential chain (environment, profile, instance
 *     role, ...)
 * @param secretAccessKey secret of {@code accessKeyId}; required with it
 * @param sessionToken optional session token for temporary keys
 * @param partSize bytes per multipart part, at least 5 MiB; objects up to this size go in one request
 * @param partConcurrency parts uploaded at once per put; memory per put is about {@code (partConcurrency + 1) *
 *     partSize}
 */
public record S3Settings(
        @Nullable String region,
        boolean pathStyle,
        @Nullable String accessKeyId,
        @Nullable String secretAccessKey,
        @Nullable String sessionToken,
        long partSize,
        int partConcurrency) {

    /** The smallest part S3 accepts (except the last). */
    public static final long MIN_PART_SIZE = 5L << 20;
    /** Default part size: 16 MiB, so 10,000 parts reach 156 GiB before parts grow. */
    public static final long DEFAULT_PART_SIZE = 16L << 20;
    public static final int DEFAULT_PART_CONCURRENCY = 4;

    /** SDK default region and credentials, virtual-host addressing, default part size and concurrency. */
    public static final S3Settings DEFAULTS =
            new S3Settings(null, false, null, null, null, DEFAULT_PART_SIZE, DEFAULT_PART_CONCURRENCY);

    public S3Settings {
        if ((accessKeyId == null) != (secretAccessKey == null)) {
            throw new IllegalArgumentException("S3 access key id and secret access key go together: give both or none");
        }
        if (partSize < MIN_PART_SIZE || partSize > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("S3 part size must be 5 MiB to 2 GiB, was " + partSize + " bytes");
        }
        if (partConcurrency < 1) {
            throw new IllegalArgumentException("S3 part concurrency must be at least 1, was " + partConcurrency);
        }
    }

    /**
     * Settings from environment variables the AWS tools use: {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY},
     * {@code AWS_SESSION_TOKEN}, {@code AWS_REGION} (or {@code AWS_DEFAULT_REGION}). The caller passes the map (for
     * example {@code System.getenv()}); the library never reads the environment itself.
     */
    public static S3Settings fromEnvironment(Map<String, String> env) {
        String region = env.getOrDefault("AWS_REGION", env.get("AWS_DEFAULT_REGION"));
        return new S3Settings(region, false, env.get("AWS_ACCESS_KEY_ID"), env.get("AWS_SECRET_ACCESS_KEY"),
                env.get("AWS_SESSION_TOKEN"), DEFAULT_PART_SIZE, DEFAULT_PART_CONCURRENCY);
    }

    public S3Settings withRegion(@Nullable String value) {
        return new S3Settings(value, pathStyle, accessKeyId, secretAccessKey, sessionToken, partSize, partConcurrency);
    }

    public S3Settings withPathStyle(boolean value) {
        return new S3Settings(region, value, accessKeyId, secretAccessKey, sessionToken, partSize, partConcurrency);
    }

    public S3Settings withKeys(String keyId, String secret) {
        return new S3Settings(region, pathStyle, keyId, secret, null, partSize, partConcurrency);
    }

    public S3Settings withPartSize(long bytes) {
        return new S3Settings(region, pathStyle, accessKeyId, secretAccessKey, sessionToken, bytes, partConcurrency);
    }

    public S3Settings withPartConcurrency(int parts) {
        return new S3Settings(region, pathStyle, accessKeyId, secretAccessKey, sessionToken, partSize, parts);
    }

    @Override
    public String toString() {
        return "S3Settings[region=" + region + ", pathStyle=" + pathStyle + ", accessKeyId=" + accessKeyId
                + ", secretAccessKey=" + (secretAccessKey == null ? null : "***") + ", partSize=" + partSize
                + ", partConcurrency=" + partConcurrency + "]";
    }
}
