package dev.holdfast.objectstore.azure;

import java.net.URI;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How to reach Azure Blob Storage; the location string says which container and prefix. Give a connection string, or
 * an account name with an account key or a SAS token. Immutable.
 *
 * @param connectionString a storage connection string; when set, account, key, SAS and endpoint are ignored
 * @param accountName the storage account
 * @param accountKey the account's shared key
 * @param sasToken a SAS token (with or without the leading {@code ?})
 * @param endpoint the blob service URL; {@code null} means {@code https://<account>.blob.core.windows.net}
 * @param tier access tier set on every upload; default {@link Tier#COOL}
 * @param blockSize bytes per block; objects up to this size go in one request, larger ones as staged blocks
 * @param blockConcurrency blocks uploaded at once per put; memory per put is about {@code blockConcurrency *
 *     blockSize}
 */
public record AzureSettings(
        @Nullable String connectionString,
        @Nullable String accountName,
        @Nullable String accountKey,
        @Nullable String sasToken,
        @Nullable URI endpoint,
        Tier tier,
        long blockSize,
        int blockConcurrency) {

    public static final long DEFAULT_BLOCK_SIZE = 8L << 20;
    public static final int DEFAULT_BLOCK_CONCURRENCY = 4;

    public AzureSettings {
        if (connectionString == null && accountName == null) {
            throw new IllegalArgumentException("Azure settings need a connection string or an account name");
        }
        if (connectionString == null && accountKey == null && sasToken == null) {
            throw new IllegalArgumentException("Azure account '" + accountName + "' needs an account key or a SAS token");
        }
        if (blockSize < 1 << 16 || blockSize > 4000L << 20) {
            throw new IllegalArgumentException("Azure block size must be 64 KiB to 4000 MiB, was " + blockSize);
        }
        if (blockConcurrency < 1) {
            throw new IllegalArgumentException("Azure block concurrency must be at least 1, was " + blockConcurrency);
        }
    }

    public static AzureSettings connectionString(String connectionString) {
        return new AzureSettings(connectionString, null, null, null, null, Tier.COOL, DEFAULT_BLOCK_SIZE,
                DEFAULT_BLOCK_CONCURRENCY);
    }

    public static AzureSettings accountKey(String accountName, String accountKey) {
        return new AzureSettings(null, accountName, accountKey, null, null, Tier.COOL, DEFAULT_BLOCK_SIZE,
                DEFAULT_BLOCK_CONCURRENCY);
    }

    public static AzureSettings sasToken(String accountName, String sasToken) {
        return new AzureSettings(null, accountName, null, sasToken, null, Tier.COOL, DEFAULT_BLOCK_SIZE,
                DEFAULT_BLOCK_CONCURRENCY);
    }

    /**
     * Settings from environment variables: {@code AZURE_STORAGE_CONNECTION_STRING}, or {@code AZURE_STORAGE_ACCOUNT}
     * with {@code AZURE_STORAGE_KEY} or {@code AZURE_STORAGE_SAS_TOKEN} (the Azure CLI's names); restic's
     * {@code AZURE_ACCOUNT_NAME}, {@code AZURE_ACCOUNT_KEY}, {@code AZURE_ACCOUNT_SAS} are read as fallbacks. The caller
     * passes the map; the library never reads the environment itself.
     */
    public static AzureSettings fromEnvironment(Map<String, String> env) {
        String connection = env.get("AZURE_STORAGE_CONNECTION_STRING");
        if (connection != null) {
            return connectionString(connection);
        }
        String account = env.getOrDefault("AZURE_STORAGE_ACCOUNT", env.get("AZURE_ACCOUNT_NAME"));
        String key = env.getOrDefault("AZURE_STORAGE_KEY", env.get("AZURE_ACCOUNT_KEY"));
        String sas = env.getOrDefault("AZURE_STORAGE_SAS_TOKEN", env.get("AZURE_ACCOUNT_SAS"));
        return new AzureSettings(null, account, key, sas, null, Tier.COOL, DEFAULT_BLOCK_SIZE,
                DEFAULT_BLOCK_CONCURRENCY);
    }

    public AzureSettings withEndpoint(@Nullable URI value) {
        return new AzureSettings(connectionString, accountName, accountKey, sasToken, value, tier, blockSize,
                blockConcurrency);
    }

    public AzureSettings withTier(Tier value) {
        return new AzureSettings(connectionString, accountName, accountKey, sasToken, endpoint, value, blockSize,
                blockConcurrency);
    }

    public AzureSettings withBlockSize(long bytes) {
        return new AzureSettings(connectionString, accountName, accountKey, sasToken, endpoint, tier, bytes,
                blockConcurrency);
    }

    public AzureSettings withBlockConcurrency(int blocks) {
        return new AzureSettings(connectionString, accountName, accountKey, sasToken, endpoint, tier, blockSize,
                blocks);
    }

    /** The blob service URL to use with account credentials. */
    URI effectiveEndpoint() {
        return endpoint != null ? endpoint : URI.create("https://" + accountName + ".blob.core.windows.net");
    }

    @Override
    public String toString() {
        return "AzureSettings[connectionString=" + (connectionString == null ? null : "***") + ", accountName="
                + accountName + ", accountKey=" + (accountKey == null ? null : "***") + ", sasToken="
                + (sasToken == null ? null : "***") + ", endpoint=" + endpoint + ", tier=" + tier + ", blockSize="
                + blockSize + ", blockConcurrency=" + blockConcurrency + "]";
    }
}
