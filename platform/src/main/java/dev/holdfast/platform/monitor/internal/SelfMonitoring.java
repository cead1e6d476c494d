package dev.holdfast.platform.monitor.internal;

import static dev.holdfast.platform.monitor.internal.MonitorTables.*;

import dev.holdfast.platform.monitor.MonitorDraft;
import dev.holdfast.platform.monitor.Monitors;
import java.time.Clock;
import java.util.Map;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Monitors for Holdfast itself. On start: its web endpoint ({@code /actuator/health} on this node's port), its
 * database, and its identity provider (the OpenID Connect discovery document that every sign-in starts from); each
 * made once per database (rows {@code self-monitoring} and {@code self-monitoring-identity} in
 * {@code monitor_bootstrap}, so a database from before the identity monitor gets it on its next start). Once backups
 * exist: the freshness of each backup plan, made when the backups module first reports a run of it
 * ({@link BackupRuns}). People may change or delete them afterwards; nothing is made again.
 */
@Component
class SelfMonitoring {

    private static final Logger log = LoggerFactory.getLogger(SelfMonitoring.class);
    static final String NAME = "self-monitoring";
    static final String IDENTITY = "self-monitoring-identity";

    private final Monitors monitors;
    private final DSLContext db;
    private final TransactionTemplate transactions;
    private final MonitorSettings settings;
    private final Clock clock;

    SelfMonitoring(Monitors monitors, DSLContext db, TransactionTemplate transactions, MonitorSettings settings, Clock clock) {
        this.monitors = monitors;
        this.db = db;
        this.transactions = transactions;
        this.settings = settings;
        this.clock = clock;
    }

    @EventListener
    void on(ApplicationReadyEvent ready) {
        if (!settings.selfMonitoring()) {
            return;
        }
        String base = "http://localhost:" + ready.getApplicationContext().getEnvironment().getProperty("local.server.port", "8080");
        once(NAME, "its web endpoint and its database", () -> {
            monitors.create(new MonitorDraft("Holdfast web", "http", Map.of("url", base + "/actuator/health",
                    "jsonPath", "$.status", "jsonExpected", "UP"), 60L, 10L, 1, 60L, 0L, false, null));
            monitors.create(new MonitorDraft("Holdfast database", "holdfast-database", Map.of(), 60L, 10L, 1, 60L, 0L, false, null));
        });
        once(IDENTITY, "its identity provider", () -> monitors.create(new MonitorDraft("Holdfast identity", "http",
                Map.of("url", base + "/.well-known/openid-configuration", "keyword", "authorization_endpoint"),
                60L, 10L, 1, 60L, 0L, false, null)));
    }

    /**
     * Within the caller's transaction (a backup run being recorded): the freshness monitor of a plan seen for the
     * first time. Its checks read the newest success the backups module reported.
     */
    void watchBackups(String plan) {
        if (!settings.selfMonitoring()) {
            return;
        }
        monitors.create(new MonitorDraft("Holdfast backup: " + plan, BackupFreshnessCheck.TYPE,
                Map.of("plan", plan, "maxAgeHours", BackupFreshnessCheck.DEFAULT_MAX_AGE_HOURS), 300L, 10L, 0, 300L, 0L, false, null));
        log.info("Monitoring watches the freshness of backup plan {}", plan);
    }

    private void once(String name, String what, Runnable create) {
        try {
            transactions.executeWithoutResult(status -> {
                if (db.insertInto(BOOTSTRAP).set(B_NAME, name).set(B_DONE_AT, clock.millis()).onConflictDoNothing().execute() == 1) {
                    create.run();
                    log.info("Monitoring watches Holdfast itself: {}", what);
                }
            });
        } catch (RuntimeException e) {
            log.warn("Could not create Holdfast's own monitors for {} now: {}", what, e.getMessage());
        }
    }
}
