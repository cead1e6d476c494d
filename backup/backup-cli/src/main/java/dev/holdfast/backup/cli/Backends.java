package dev.holdfast.backup.cli;

import dev.holdfast.backup.BackupException;
import dev.holdfast.backup.backend.Backend;
import dev.holdfast.backup.backend.BackendFactory;
import dev.holdfast.backup.backend.BackendRegistry;
import dev.holdfast.backup.backend.RateLimits;
import dev.holdfast.backup.backend.TlsSettings;
import dev.holdfast.backup.backend.local.LocalBackendFactory;
import dev.holdfast.backup.backend.objectstore.AzureBackendFactory;
import dev.holdfast.backup.backend.objectstore.S3BackendFactory;
import dev.holdfast.backup.backend.rest.RestBackendFactory;
import dev.holdfast.objectstore.azure.AzureSettings;
import dev.holdfast.objectstore.s3.S3Settings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The CLI's backends: restic's location schemes, with settings from the environment (restic's variable names) and
 * from {@code -o key=value} options, which win. Settings are read only when a location of that scheme is opened.
 * TLS settings and rate limits apply to every scheme that uses them, as restic's global flags do.
 */
final class Backends {

    /** The {@code -o} keys understood, with restic's defaults; shown in the usage text. */
    static final List<String> OPTIONS = List.of("local.connections=2", "s3.connections=5", "s3.region=",
            "s3.bucket-lookup=auto|dns|path", "azure.connections=5", "azure.access-tier=Hot|Cool|Cold (default Cool)",
            "azure.endpoint=URL (e.g. Azurite's)", "rest.connections=5");

    private Backends() {}

    static Backend open(String location, Map<String, String> env, Map<String, String> options, RateLimits limits,
            TlsSettings tls) {
        Function<String, @Nullable String> option = key -> options.get(key);
        return BackendRegistry.of(
                new LocalBackendFactory(connections(option, "local", 2)),
                lazy("s3", () -> s3(env, option, tls)),
                lazy("azure", () -> azure(env, option, tls)),
                new RestBackendFactory(connections(option, "rest", 5), Duration.ofMinutes(10), tls))
                .withRateLimits(limits).open(location);
    }

    private static int connections(Function<String, @Nullable String> option, String scheme, int fallback) {
        String value = option.apply(scheme + ".connections");
        try {
            int connections = value == null ? fallback : Integer.parseInt(value);
            if (connections < 1) {
                throw new NumberFormatException();
            }
            return connections;
        } catch (NumberFormatException e) {
            throw new BackupException("-o " + scheme + ".connections must be a number above 0, was '" + value + "'");
        }
    }

    private static BackendFactory s3(Map<String, String> env, Function<String, @Nullable String> option,
            TlsSettings tls) {
        S3Settings settings = S3Settings.fromEnvironment(env);
        if (option.apply("s3.region") != null) {
            settings = settings.withRegion(option.apply("s3.region"));
        }
        String lookup = option.apply("s3.bucket-lookup");
        return new S3BackendFactory(settings, S3BackendFactory.BucketLookup.parse(lookup == null ? "auto" : lookup),
                connections(option, "s3", 5), tls);
    }

    private static BackendFactory azure(Map<String, String> env, Function<String, @Nullable String> option,
            TlsSettings tls) {
        AzureSettings settings;
        try {
            settings = AzureSettings.fromEnvironment(env);
        } catch (IllegalArgumentException e) {
            throw new BackupException("Azure needs AZURE_ACCOUNT_NAME and AZURE_ACCOUNT_KEY (or AZURE_ACCOUNT_SAS): "
                    + e.getMessage());
        }
        String endpoint = first(option.apply("azure.endpoint"), env.get("HOLDFAST_BACKUP_AZURE_ENDPOINT"));
        if (endpoint != null) {
            settings = settings.withEndpoint(URI.create(endpoint));
        }
        String tier = first(option.apply("azure.access-tier"), env.get("HOLDFAST_BACKUP_AZURE_ACCESS_TIER"));
        if (tier != null) {
            settings = settings.withTier(AzureBackendFactory.tier(tier));
        }
        return new AzureBackendFactory(settings, connections(option, "azure", 5), tls);
    }

    private static @Nullable String first(@Nullable String a, @Nullable String b) {
        return a != null && !a.isEmpty() ? a : b != null && !b.isEmpty() ? b : null;
    }

    /** A factory made on first use, so a missing Azure account only matters for Azure locations. */
    private static BackendFactory lazy(String scheme, Supplier<BackendFactory> make) {
        return new BackendFactory() {
            private @Nullable BackendFactory made;

            private synchronized BackendFactory made() {
                if (made == null) {
                    made = make.get();
                }
                return made;
            }

            @Override
            public String scheme() {
                return scheme;
            }

            @Override
            public Backend open(String location) {
                return made().open(location);
            }

            @Override
            public int connections() {
                return made().connections();
            }
        };
    }
}
