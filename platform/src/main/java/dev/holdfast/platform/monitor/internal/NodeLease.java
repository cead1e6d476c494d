package dev.holdfast.platform.monitor.internal;

import static dev.holdfast.platform.monitor.internal.MonitorTables.*;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * Splits checking between nodes sharing one database: each node keeps a lease row ({@code monitor_node}) renewed
 * every third of {@code HOLDFAST_MONITOR_LEASE_DURATION}; a monitor is checked by the live node with the highest
 * rendezvous hash of (node, monitor). When a node joins or its lease expires, only the monitors it wins or loses
 * move. Two nodes may briefly both check a monitor while their views of the live nodes differ (at most one lease
 * period).
 */
@Component
class NodeLease {

    private final DSLContext db;
    private final Clock clock;
    private final MonitorSettings settings;
    private final String nodeId = UUID.randomUUID().toString();
    private volatile List<String> live = List.of(nodeId);

    NodeLease(DSLContext db, Clock clock, MonitorSettings settings) {
        this.db = db;
        this.clock = clock;
        this.settings = settings;
    }

    /** Renews this node's lease and reads the live nodes; keeps the last view when the database is away. */
    void renew() {
        long now = clock.millis();
        long expires = now + settings.leaseDuration().toMillis();
        db.insertInto(NODE).set(N_ID, nodeId).set(N_EXPIRES, expires).onConflict(N_ID).doUpdate().set(N_EXPIRES, expires).execute();
        db.deleteFrom(NODE).where(N_EXPIRES.lt(now - settings.leaseDuration().toMillis() * 10)).execute();
        List<String> nodes = db.select(N_ID).from(NODE).where(N_EXPIRES.gt(now)).orderBy(N_ID).fetch(N_ID);
        live = nodes.contains(nodeId) ? List.copyOf(nodes) : List.of(nodeId);
    }

    void release() {
        db.deleteFrom(NODE).where(N_ID.eq(nodeId)).execute();
    }

    /** Whether this node checks the monitor. */
    boolean owns(String monitorId) {
        List<String> nodes = live;
        if (nodes.size() == 1) {
            return true;
        }
        String best = null;
        long bestScore = Long.MIN_VALUE;
        for (String node : nodes) {
            long score = mix((long) node.hashCode() * 31 + monitorId.hashCode());
            if (score > bestScore || (score == bestScore && node.compareTo(best) < 0)) {
                bestScore = score;
                best = node;
            }
        }
        return nodeId.equals(best);
    }

    int liveNodes() {
        return live.size();
    }

    /** SplitMix64's finaliser: spreads close inputs over the whole range. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
