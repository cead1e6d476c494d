package dev.holdfast.platform.shared.objects;

import dev.holdfast.objectstore.ObjectStore;
import dev.holdfast.objectstore.ObjectStoreException;
import dev.holdfast.objectstore.ObjectStoreFactory;
import dev.holdfast.objectstore.ObjectStoreRegistry;
import dev.holdfast.objectstore.azure.AzureObjectStoreFactory;
import dev.holdfast.objectstore.azure.AzureSettings;
import dev.holdfast.objectstore.decorator.Decorators;
import dev.holdfast.objectstore.decorator.RetryPolicy;
import dev.holdfast.objectstore.local.LocalObjectStoreFactory;
import dev.holdfast.objectstore.s3.S3ObjectStoreFactory;
import dev.holdfast.objectstore.s3.S3Settings;
import dev.holdfast.platform.shared.settings.InvalidSettingException;
import dev.holdfast.platform.shared.settings.PlatformSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one {@link ObjectStore} of the platform, behind the standard decorators (metrics, concurrency limit, retry
 * of transient errors). Only the factory of the configured scheme is built, so Azure settings are not needed to use
 * S3 and the other way round. A location that does not parse stops start-up with one line.
 */
@Configuration(proxyBeanMethods = false)
class ObjectsConfiguration {

    static final String ACCEPTED = "file:<directory>, s3:https://<host>/<bucket>/<prefix> or azure:<container>/<prefix>";

    @Bean(destroyMethod = "close")
    ObjectStore objectStore(ObjectsSettings settings, PlatformSettings platform) {
        String location = settings.location() == null || settings.location().isBlank()
                ? "file:" + platform.dataDir().resolve("objects")
                : settings.location().strip();
        ObjectStoreFactory factory = factoryFor(location);
        try {
            ObjectStore store = ObjectStoreRegistry.of(factory).open(location);
            return Decorators.standard(store, "platform", settings.maxConcurrent(), RetryPolicy.DEFAULTS);
        } catch (ObjectStoreException | IllegalArgumentException e) {
            throw new InvalidSettingException("HOLDFAST_OBJECTS_LOCATION", location, ACCEPTED + " (" + e.getMessage() + ")");
        }
    }

    private static ObjectStoreFactory factoryFor(String location) {
        String scheme = location.contains(":") ? location.substring(0, location.indexOf(':')) : "";
        return switch (scheme) {
            case LocalObjectStoreFactory.SCHEME -> new LocalObjectStoreFactory();
            case "s3" -> new S3ObjectStoreFactory(S3Settings.fromEnvironment(System.getenv()));
            case "azure" -> new AzureObjectStoreFactory(AzureSettings.fromEnvironment(System.getenv()));
            default -> throw new InvalidSettingException("HOLDFAST_OBJECTS_LOCATION", location, ACCEPTED);
        };
    }
}
