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
 * On the first start, monitors for Holdfast itself: its web endpoint ({@code /actuator/health} on this node's port)
 * and its database. Done once per database (row {@code self-monitoring} in {@code monitor_bootstrap}); people may
 * change or delete them afterwards.
 */
@Component
class SelfMonitoring {

    private static final Logger log = LoggerFactory.getLogger(SelfMonitoring.class);
    static final String NAME = "self-monitoring";

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
        String port = ready.getApplicationContext().getEnvironment().getProperty("local.server.port", "8080");
        try {
            transactions.executeWithoutResult(status -> {
                int claimed = db.insertInto(BOOTSTRAP).set(B_NAME, NAME).set(B_DONE_AT, clock.millis()).onConflictDoNothing().execute();
                if (claimed == 0) {
                    return;
                }
                monitors.create(new MonitorDraft("Holdfast web", "http", Map.of("url", "http://localhost:" + port + "/actuator/health",
                        "jsonPath", "$.status", "jsonExpected", "UP"), 60L, 10L, 1, 60L, 0L, false, null));
                monitors.create(new MonitorDraft("Holdfast database", "holdfast-database", Map.of(), 60L, 10L, 1, 60L, 0L, false, null));
                log.info("Monitoring watches Holdfast itself: its web endpoint and its database");
            });
        } catch (RuntimeException e) {
            log.warn("Could not create Holdfast's own monitors now: {}", e.getMessage());
        }
    }
}
