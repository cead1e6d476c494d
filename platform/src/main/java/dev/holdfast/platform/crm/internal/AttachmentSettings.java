package dev.holdfast.platform.crm.internal;

import dev.holdfast.platform.shared.settings.InvalidSettingException;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * CRM attachments.
 *
 * @param maxSize the largest file accepted ({@code HOLDFAST_CRM_ATTACHMENT_MAX_SIZE}, default 25MB)
 * @param maxChunk the largest piece of a chunked upload, decoded ({@code HOLDFAST_CRM_ATTACHMENT_MAX_CHUNK}, default 4MB)
 */
@ConfigurationProperties("holdfast.crm.attachment")
record AttachmentSettings(@Nullable DataSize maxSize, @Nullable DataSize maxChunk) {

    AttachmentSettings {
        maxSize = maxSize == null ? DataSize.ofMegabytes(25) : maxSize;
        maxChunk = maxChunk == null ? DataSize.ofMegabytes(4) : maxChunk;
        if (maxSize.toBytes() < 1) {
            throw new InvalidSettingException("HOLDFAST_CRM_ATTACHMENT_MAX_SIZE", maxSize.toString(), "a size such as 25MB");
        }
        if (maxChunk.toBytes() < 64 * 1024 || maxChunk.toBytes() > 64L * 1024 * 1024) {
            throw new InvalidSettingException("HOLDFAST_CRM_ATTACHMENT_MAX_CHUNK", maxChunk.toString(), "a size from 64KB to 64MB");
        }
    }
}
