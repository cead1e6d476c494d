package dev.holdfast.backup.cli;

import dev.holdfast.backup.GoTime;
import dev.holdfast.backup.Snapshot;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Shapes shared by several commands' output. */
final class Output {

    private Output() {}

    /** A snapshot as {@code restic snapshots --json} prints it. */
    static Map<String, Object> snapshot(Snapshot snapshot) {
        Map<String, Object> json = stored(snapshot);
        json.put("id", snapshot.requireId().hex());
        json.put("short_id", snapshot.requireId().shortHex());
        return json;
    }

    /** A snapshot's members as restic stores them (and shows them where it leaves the ID out). */
    static Map<String, Object> stored(Snapshot snapshot) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("time", GoTime.format(snapshot.time()));
        if (snapshot.parent() != null) {
            json.put("parent", snapshot.parent().hex());
        }
        json.put("tree", snapshot.tree().hex());
        json.put("paths", snapshot.paths());
        json.put("hostname", snapshot.hostname());
        json.put("username", snapshot.username());
        if (snapshot.uid() != 0) {
            json.put("uid", snapshot.uid());
        }
        if (snapshot.gid() != 0) {
            json.put("gid", snapshot.gid());
        }
        if (!snapshot.excludes().isEmpty()) {
            json.put("excludes", snapshot.excludes());
        }
        if (!snapshot.tags().isEmpty()) {
            json.put("tags", snapshot.tags());
        }
        if (snapshot.original() != null) {
            json.put("original", snapshot.original().hex());
        }
        return json;
    }

    static void table(Context context, List<Snapshot> snapshots) {
        context.print(String.format("%-8s  %-19s  %-12s  %-15s  %s", "ID", "Time", "Host", "Tags", "Paths"));
        for (Snapshot s : snapshots) {
            context.print(String.format("%-8s  %-19s  %-12s  %-15s  %s", s.requireId().shortHex(),
                    s.time().toLocalDateTime().withNano(0).toString().replace('T', ' '), s.hostname(),
                    String.join(",", s.tags()), String.join(", ", s.paths())));
        }
        context.say(snapshots.size() + " snapshots");
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = n;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format("%.3f %s", value, units[unit]);
    }
}
