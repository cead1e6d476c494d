package dev.holdfast.platform.crm.internal;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.holdfast.platform.crm.access.CrmUser;
import dev.holdfast.platform.crm.access.RecordAccess;
import dev.holdfast.platform.shared.jobs.Jobs;
import dev.holdfast.platform.shared.jobs.OneOffJob;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Exports and mass actions on the job daemon ({@code crm.bulk-action}) instead of inside the request: EspoCRM's
 * {@code runInIdleProcess} (export) and {@code idle} (mass action), which its UI sets for selections over a threshold.
 * The request is checked and kept in {@code crm_bulk_job} with the job, in one transaction; the job runs it as the
 * user who asked (their access at run time, not at request time), and an export's file becomes an attachment of
 * that user (role {@value #EXPORT_ROLE}), downloaded through {@code GET /Attachment/file/{id}}. Status is
 * {@code Pending}, {@code Running}, {@code Success} or {@code Failed} (with the refusal's text), visible to the user
 * who asked and to administrators. A run repeated after a node died mid-run does the work again (an export writes a
 * new file; a mass update sets the same values; a delete finds the deleted records gone).
 */
@Component
class BulkJobs {

    private static final Logger log = LoggerFactory.getLogger(BulkJobs.class);
    static final String EXPORT_ROLE = "Export File";
    /** Records per transaction of a mass action run as a job (see {@link RecordBulk#massUpdate(CrmUser, String, RecordQueries.Selection, Map, int)}). */
    static final int CHUNK = 50;

    static final Table<Record> JOB = table(name("crm_bulk_job"));
    static final Field<String> ID = field(name("id"), String.class);
    static final Field<String> ACTION = field(name("action"), String.class);
    static final Field<String> ENTITY_TYPE = field(name("entity_type"), String.class);
    static final Field<String> USER_ID = field(name("user_id"), String.class);
    static final Field<String> USERNAME = field(name("username"), String.class);
    static final Field<Boolean> ADMINISTRATOR = field(name("administrator"), Boolean.class);
    static final Field<String> REQUEST = field(name("request"), String.class);
    static final Field<String> STATUS = field(name("status"), String.class);
    static final Field<Integer> COUNT = field(name("count"), Integer.class);
    static final Field<String> ATTACHMENT_ID = field(name("attachment_id"), String.class);
    static final Field<String> MESSAGE = field(name("message"), String.class);
    static final Field<Long> CREATED_AT = field(name("created_at"), Long.class);
    static final Field<Long> FINISHED_AT = field(name("finished_at"), Long.class);

    /** The job's payload: the {@code crm_bulk_job} row to run. */
    record Run(String id) {}

    private final OneOffJob<Run> job;
    private final DSLContext db;
    private final Jobs jobs;
    private final RecordBulk bulk;
    private final Attachments attachments;
    private final RecordAccess access;
    private final Clock clock;
    private final TransactionTemplate transaction;

    BulkJobs(DSLContext db, Jobs jobs, OneOffJob<Run> job, RecordBulk bulk, Attachments attachments, RecordAccess access,
            Clock clock, PlatformTransactionManager transactions) {
        this.db = db;
        this.job = job;
        this.jobs = jobs;
        this.bulk = bulk;
        this.attachments = attachments;
        this.access = access;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * Keeps the request and schedules its job (both or neither); answers its id.
     *
     * @param action {@code export}, {@code update} or {@code delete}
     */
    String start(Authentication who, CrmUser user, String action, String entityType, Map<String, Object> body) {
        String id = Names.newId();
        boolean administrator = who.getAuthorities().stream().anyMatch(a -> "ROLE_ADMIN".equals(a.getAuthority()));
        transaction.executeWithoutResult(status -> {
            db.insertInto(JOB).set(ID, id).set(ACTION, action).set(ENTITY_TYPE, entityType).set(USER_ID, user.userId())
                    .set(USERNAME, who.getName()).set(ADMINISTRATOR, administrator).set(REQUEST, Json.write(body))
                    .set(STATUS, "Pending").set(CREATED_AT, clock.millis()).execute();
            jobs.enqueue(job, new Run(id));
        });
        return id;
    }

    /** The job's state as the API shows it; 404 unless the user asked for it (or is an administrator). */
    Map<String, Object> status(CrmUser user, String kind, String id) {
        Record row = Names.ID.matcher(id).matches() ? db.selectFrom(JOB).where(ID.eq(id)).fetchOne() : null;
        boolean export = "export".equals(kind);
        if (row == null || export != "export".equals(row.get(ACTION))
                || !(user.administrator() || user.userId().equals(row.get(USER_ID)))) {
            throw CrmApiException.notFound(export ? "Export" : "MassAction");
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("entityType", row.get(ENTITY_TYPE));
        if (!export) {
            json.put("action", row.get(ACTION));
        }
        json.put("status", row.get(STATUS));
        json.put("count", row.get(COUNT));
        if (export) {
            json.put("attachmentId", row.get(ATTACHMENT_ID));
        }
        json.put("message", row.get(MESSAGE));
        json.put("createdAt", RecordValues.formatDateTime(row.get(CREATED_AT)));
        json.put("finishedAt", row.get(FINISHED_AT) == null ? null : RecordValues.formatDateTime(row.get(FINISHED_AT)));
        return json;
    }

    void run(Run run) {
        Record row = db.selectFrom(JOB).where(ID.eq(run.id())).fetchOne();
        if (row == null || !List.of("Pending", "Running").contains(row.get(STATUS))) {
            return; // done already (a repeat after a crash that happened after the end)
        }
        db.update(JOB).set(STATUS, "Running").where(ID.eq(run.id())).execute();
        CrmUser user = access.user(UsernamePasswordAuthenticationToken.authenticated(row.get(USERNAME), null,
                Boolean.TRUE.equals(row.get(ADMINISTRATOR)) ? List.of(new SimpleGrantedAuthority("ROLE_ADMIN")) : List.of()));
        Map<String, Object> body = Json.readMap(row.get(REQUEST));
        try {
            if ("export".equals(row.get(ACTION))) {
                export(run.id(), user, BulkRequests.Export.of(body));
            } else {
                BulkRequests.MassAction request = BulkRequests.MassAction.of(body);
                RecordBulk.Result result = "update".equals(request.action())
                        ? bulk.massUpdate(user, request.entityType(), request.selection(), request.data(), CHUNK)
                        : bulk.massDelete(user, request.entityType(), request.selection(), CHUNK);
                finish(run.id(), "Success", result.count(), null, null);
            }
        } catch (CrmApiException e) {
            finish(run.id(), "Failed", null, null, e.field() == null ? e.getMessage() : e.field() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            log.warn("CRM {} {} of {} failed", row.get(ACTION), run.id(), row.get(USERNAME), e);
            finish(run.id(), "Failed", null, null, "The server could not finish it; see its log.");
        }
    }

    private void export(String id, CrmUser user, BulkRequests.Export request) {
        Path file;
        try {
            file = Files.createTempFile("holdfast-export-", "." + request.format().extension());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            int count;
            try (OutputStream out = Files.newOutputStream(file)) {
                count = bulk.export(user, request.entityType(), request.selection(), request.names(), request.fields(),
                        request.format(), () -> out);
            }
            String name = request.entityType() + "." + request.format().extension();
            String attachment = attachments.keep(user, name, request.format().contentType(), EXPORT_ROLE, file).id();
            finish(id, "Success", count, attachment, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                log.warn("Could not remove the temporary export file {}: {}", file, e.getMessage());
            }
        }
    }

    private void finish(String id, String status, @Nullable Integer count, @Nullable String attachmentId, @Nullable String message) {
        db.update(JOB).set(STATUS, status).set(COUNT, count).set(ATTACHMENT_ID, attachmentId)
                .set(MESSAGE, message == null || message.length() <= 1000 ? message : message.substring(0, 1000))
                .set(FINISHED_AT, clock.millis()).where(ID.eq(id)).execute();
    }

    @Configuration(proxyBeanMethods = false)
    static class BulkJob {

        /** Looked up when it runs: the job daemon collects jobs before the record store can be built. */
        @Bean
        OneOffJob<Run> crmBulkAction(ObjectProvider<BulkJobs> bulkJobs) {
            return new OneOffJob<>("crm.bulk-action", Run.class, run -> bulkJobs.getObject().run(run));
        }
    }
}
