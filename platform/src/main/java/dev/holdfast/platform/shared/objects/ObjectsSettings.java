package dev.holdfast.platform.shared.objects;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the platform keeps objects.
 *
 * @param location {@code file:<dir>}, {@code s3:https://host/bucket/prefix} or {@code azure:container/prefix}
 *     ({@code HOLDFAST_OBJECTS_LOCATION}, default {@code file:<data dir>/objects}); S3 credentials come from
 *     {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}/{@code AWS_REGION} or the default chain, Azure's from
 *     {@code AZURE_STORAGE_CONNECTION_STRING} or {@code AZURE_STORAGE_ACCOUNT} with {@code AZURE_STORAGE_KEY} or
 *     {@code AZURE_STORAGE_SAS_TOKEN}
 * @param maxConcurrent calls allowed to reach the store at once ({@code HOLDFAST_OBJECTS_MAX_CONCURRENT}, default 16)
 */
@ConfigurationProperties("holdfast.objects")
public record ObjectsSettings(@Nullable String location, @Nullable Integer maxConcurrent) {

    public ObjectsSettings {
        maxConcurrent = maxConcurrent == null ? 16 : maxConcurrent;
        if (maxConcurrent < 1) {
            throw new dev.holdfast.platform.shared.settings.InvalidSettingException("HOLDFAST_OBJECTS_MAX_CONCURRENT",
                    maxConcurrent.toString(), "a whole number of at least 1");
        }
    }
}
