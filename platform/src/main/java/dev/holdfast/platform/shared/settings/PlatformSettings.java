package dev.holdfast.platform.shared.settings;

import java.net.URI;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the platform as a whole.
 *
 * @param dataDir where Holdfast keeps its embedded database, objects and backups ({@code HOLDFAST_DATA_DIR},
 *     default {@code ./data})
 * @param baseUrl the address people use to reach Holdfast, used in links it prints or mails
 *     ({@code HOLDFAST_BASE_URL}, default {@code http://localhost:<port>})
 */
@ConfigurationProperties("holdfast")
public record PlatformSettings(@Nullable Path dataDir, @Nullable URI baseUrl) {

    public PlatformSettings {
        dataDir = (dataDir == null ? Path.of("data") : dataDir).toAbsolutePath().normalize();
        if (baseUrl != null && (baseUrl.getScheme() == null || !baseUrl.getScheme().matches("https?"))) {
            throw new InvalidSettingException("HOLDFAST_BASE_URL", baseUrl.toString(),
                    "an absolute http:// or https:// address, e.g. https://holdfast.example.org");
        }
    }

    /** The data directory, absolute. */
    @Override
    public Path dataDir() {
        return java.util.Objects.requireNonNull(dataDir);
    }
}
