package dev.holdfast.backup.backend.objectstore;

import com.azure.core.exception.AzureException;
import com.azure.core.http.HttpClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import dev.holdfast.backup.backend.Backend;
import dev.holdfast.backup.backend.BackendException;
import dev.holdfast.backup.backend.BackendFactory;
import dev.holdfast.backup.backend.InvalidLocationException;
import dev.holdfast.backup.backend.TlsException;
import dev.holdfast.backup.backend.TlsSettings;
import dev.holdfast.objectstore.azure.AzureLocation;
import dev.holdfast.objectstore.azure.AzureObjectStore;
import dev.holdfast.objectstore.azure.AzureSettings;
import dev.holdfast.objectstore.azure.Tier;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Opens restic's Azure locations, {@code azure:container:/prefix} (also {@code azure:container/prefix}); the account,
 * key, endpoint and access tier come from the settings. Every file is uploaded into the settings' tier (default
 * {@link Tier#COOL}) except lock files, which go to Hot: they are deleted within minutes, and Cool and Cold charge
 * for 30 and 90 days at least. {@code create} makes the container when it is missing, as restic does.
 */
public final class AzureBackendFactory implements BackendFactory {

    private final AzureSettings settings;
    private final int connections;
    private final TlsSettings tls;

    public AzureBackendFactory(AzureSettings settings, int connections) {
        this(settings, connections, TlsSettings.SYSTEM);
    }

    /** @param tls how {@code https} endpoints are checked and which client certificate is shown */
    public AzureBackendFactory(AzureSettings settings, int connections, TlsSettings tls) {
        this.settings = settings;
        this.connections = connections;
        this.tls = tls;
    }

    /** {@code Hot}, {@code Cool} or {@code Cold}, in any case. */
    public static Tier tier(String value) {
        try {
            return Tier.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidLocationException("azure.access-tier must be Hot, Cool or Cold, was '" + value + "'");
        }
    }

    @Override
    public String scheme() {
        return "azure";
    }

    @Override
    public int connections() {
        return connections;
    }

    static AzureLocation parse(String location) {
        String rest = location.substring("azure:".length());
        int colon = rest.indexOf(':');
        String path = colon < 0 ? rest : rest.substring(0, colon) + "/" + stripSlashes(rest.substring(colon + 1));
        try {
            return AzureLocation.parse("azure:" + (path.endsWith("/") ? path.substring(0, path.length() - 1) : path));
        } catch (dev.holdfast.objectstore.InvalidLocationException e) {
            throw new InvalidLocationException("repository location " + location + ": " + e.getMessage()
                    + " (expected azure:container:/prefix)");
        }
    }

    private static String stripSlashes(String path) {
        String result = path;
        while (result.startsWith("/")) {
            result = result.substring(1);
        }
        return result;
    }

    @Override
    public Backend open(String location) {
        AzureLocation where = parse(location);
        UnaryOperator<BlobServiceClientBuilder> client = UnaryOperator.identity();
        if (!tls.isSystemDefault()) {
            HttpClient http = TlsClients.azure(tls);
            client = builder -> builder.httpClient(http);
        }
        AzureObjectStore store = AzureObjectStore.open(where, settings, client);
        AzureObjectStore locks = settings.tier() == Tier.HOT ? store
                : AzureObjectStore.open(where, settings.withTier(Tier.HOT), client);
        return new ObjectStoreBackend(store, locks, () -> {
            try {
                store.container().createIfNotExists();
            } catch (RuntimeException e) {
                String what = "cannot create container " + store.container().getBlobContainerName();
                TlsException refused = TlsException.of(what, e);
                if (refused != null) {
                    throw refused;
                }
                if (e instanceof AzureException) {
                    throw new BackendException(what + ": " + e.getMessage(), e);
                }
                throw e;
            }
        });
    }
}
