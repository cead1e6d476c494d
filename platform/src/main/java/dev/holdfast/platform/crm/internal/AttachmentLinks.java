package dev.holdfast.platform.crm.internal;

import dev.holdfast.platform.crm.RecordCreated;
import dev.holdfast.platform.crm.RecordUpdated;
import dev.holdfast.platform.crm.access.CrmUser;
import dev.holdfast.platform.shared.jobs.JobsSettings;
import dev.holdfast.platform.shared.jobs.RecurringJob;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Ties uploads to the records that name them (inside the transaction that saves the record), and removes uploads
 * that were never finished or never attached ({@code crm.attachment-cleanup}, on the housekeeping schedule).
 */
@Component
class AttachmentLinks {

    private final Records records;
    private final Attachments attachments;
    private final MetadataStore metadata;

    AttachmentLinks(Records records, Attachments attachments, MetadataStore metadata) {
        this.records = records;
        this.attachments = attachments;
        this.metadata = metadata;
    }

    @EventListener
    void on(RecordCreated event) {
        boolean hasAttachments = metadata.current().entity(event.entityType()).map(entity -> entity.fields().values().stream()
                .anyMatch(field -> field.type() == FieldType.ATTACHMENT_MULTIPLE)).orElse(false);
        if (event.userId() == null || !hasAttachments) {
            return; // most entities have no attachment field: no need to read the record back inside its create
        }
        Map<String, Object> record = records.read(new CrmUser(event.userId(), "system", true, Set.of()),
                event.entityType(), event.id());
        List<String> ids = new ArrayList<>();
        record.forEach((name, value) -> {
            if (name.endsWith("Ids")) {
                ids.addAll(Attachments.idsIn(value));
            }
        });
        attachments.attach(event.entityType(), event.id(), event.userId(), ids);
    }

    @EventListener
    void on(RecordUpdated event) {
        List<String> ids = new ArrayList<>();
        event.changes().forEach((name, change) -> {
            if (name.endsWith("Ids")) {
                ids.addAll(Attachments.idsIn(change.after()));
            }
        });
        attachments.attach(event.entityType(), event.id(), event.userId(), ids);
    }

    @Configuration(proxyBeanMethods = false)
    static class Cleanup {

        /** Looked up when it runs: the job daemon collects jobs before the record store can be built. */
        @Bean
        RecurringJob crmAttachmentCleanup(JobsSettings jobs, ObjectProvider<Attachments> attachments) {
            return new RecurringJob("crm.attachment-cleanup", jobs.housekeepingCron(),
                    () -> attachments.getObject().removeAbandoned());
        }
    }
}
