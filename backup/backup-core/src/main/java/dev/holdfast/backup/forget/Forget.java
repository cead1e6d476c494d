package dev.holdfast.backup.forget;

import dev.holdfast.backup.Snapshot;
import java.time.OffsetDateTime;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToLongBiFunction;

/**
 * restic 0.14's {@code ApplyPolicy} and grouping: per group, newest first, a snapshot is kept if it has all tags of a
 * keep-tag list, is within {@code --keep-within} of the latest (non-future) snapshot, or opens a new
 * last/hourly/daily/weekly/monthly/yearly bucket while that bucket's count lasts. Calendar fields use the offset
 * stored in each snapshot's time.
 */
public final class Forget {

    private Forget() {}

    /** What to keep and remove in one group, and why each kept snapshot is kept (in the order of {@code keep}). */
    public record Decision(String group, List<Snapshot> keep, List<Snapshot> remove, List<Reason> reasons) {}

    /**
     * restic's {@code KeepReason}: what a kept snapshot matched ({@code daily snapshot}, {@code has tags [a]},
     * {@code within 2d} ...) and the counts of the last/hourly/daily/weekly/monthly/yearly buckets left after it.
     */
    public record Reason(Snapshot snapshot, List<String> matches, int last, int hourly, int daily, int weekly,
            int monthly, int yearly) {}

    /** Which fields make up the group key: {@code host}, {@code paths}, {@code tags}. */
    public record GroupBy(boolean host, boolean paths, boolean tags) {

        public static final GroupBy DEFAULT = new GroupBy(true, true, false);

        public static GroupBy parse(String text) {
            Set<String> parts = new TreeSet<>(List.of(text.split(",")));
            parts.remove("");
            for (String part : parts) {
                if (!Set.of("host", "paths", "tags").contains(part)) {
                    throw new IllegalArgumentException("unknown grouping option: \"" + part + "\"");
                }
            }
            return new GroupBy(parts.contains("host"), parts.contains("paths"), parts.contains("tags"));
        }

        /** restic's group key as JSON members: {@code hostname} ("" unless grouped by host), {@code paths}, {@code tags}. */
        public Map<String, Object> jsonKey(Snapshot snapshot) {
            Map<String, Object> key = new LinkedHashMap<>();
            key.put("hostname", host ? snapshot.hostname() : "");
            key.put("paths", paths ? List.copyOf(new TreeSet<>(snapshot.paths())) : null);
            key.put("tags", tags && !snapshot.tags().isEmpty() ? List.copyOf(new TreeSet<>(snapshot.tags())) : null);
            return key;
        }

        /** The group a snapshot falls in, as text ({@code host [h] paths [...]}). */
        public String key(Snapshot snapshot) {
            StringBuilder key = new StringBuilder();
            if (host) {
                key.append("host [").append(snapshot.hostname()).append("] ");
            }
            if (paths) {
                key.append("paths ").append(new TreeSet<>(snapshot.paths())).append(' ');
            }
            if (tags) {
                key.append("tags ").append(new TreeSet<>(snapshot.tags())).append(' ');
            }
            return key.toString().trim();
        }
    }

    public static List<Decision> apply(List<Snapshot> snapshots, GroupBy groupBy, ForgetPolicy policy,
            OffsetDateTime now) {
        Map<String, List<Snapshot>> groups = new LinkedHashMap<>();
        for (Snapshot snapshot : snapshots) {
            groups.computeIfAbsent(groupBy.key(snapshot), k -> new ArrayList<>()).add(snapshot);
        }
        List<Decision> result = new ArrayList<>();
        groups.forEach((key, group) -> result.add(applyToGroup(key, group, policy, now)));
        return result;
    }

    private static final class Bucket {
        int count;
        final Within within;
        final ToLongBiFunction<OffsetDateTime, Integer> bucketOf;
        final String reason;
        long last = -1;

        Bucket(int count, Within within, ToLongBiFunction<OffsetDateTime, Integer> bucketOf, String reason) {
            this.count = count;
            this.within = within;
            this.bucketOf = bucketOf;
            this.reason = reason;
        }
    }

    static Decision applyToGroup(String key, List<Snapshot> group, ForgetPolicy policy, OffsetDateTime now) {
        List<Snapshot> sorted = new ArrayList<>(group);
        sorted.sort(Comparator.comparing(Snapshot::time, Comparator.reverseOrder()));
        if (policy.empty()) {
            return new Decision(key, sorted, List.of(), sorted.stream()
                    .map(s -> new Reason(s, List.of("policy is empty"), 0, 0, 0, 0, 0, 0)).toList());
        }
        List<Bucket> counted = List.of(new Bucket(policy.last(), Within.ZERO, (t, nr) -> nr, "last snapshot"),
                new Bucket(policy.hourly(), Within.ZERO, Forget::hour, "hourly snapshot"),
                new Bucket(policy.daily(), Within.ZERO, Forget::day, "daily snapshot"),
                new Bucket(policy.weekly(), Within.ZERO, Forget::week, "weekly snapshot"),
                new Bucket(policy.monthly(), Within.ZERO, Forget::month, "monthly snapshot"),
                new Bucket(policy.yearly(), Within.ZERO, Forget::year, "yearly snapshot"));
        List<Bucket> within = List.of(new Bucket(0, policy.withinHourly(), Forget::hour, "hourly within"),
                new Bucket(0, policy.withinDaily(), Forget::day, "daily within"),
                new Bucket(0, policy.withinWeekly(), Forget::week, "weekly within"),
                new Bucket(0, policy.withinMonthly(), Forget::month, "monthly within"),
                new Bucket(0, policy.withinYearly(), Forget::year, "yearly within"));
        OffsetDateTime latest = latest(sorted, now);
        List<Snapshot> keep = new ArrayList<>();
        List<Snapshot> remove = new ArrayList<>();
        List<Reason> reasons = new ArrayList<>();
        for (int nr = 0; nr < sorted.size(); nr++) {
            Snapshot current = sorted.get(nr);
            List<String> matches = new ArrayList<>();
            for (List<String> tags : policy.keepTags()) {
                if (hasTags(current, tags)) {
                    matches.add("has tags [" + String.join(" ", tags) + "]");
                }
            }
            if (!policy.within().zero() && current.time().isAfter(policy.within().before(latest))) {
                matches.add("within " + policy.within());
            }
            for (Bucket bucket : counted) {
                if (bucket.count > 0) {
                    long value = bucket.bucketOf.applyAsLong(current.time(), nr);
                    if (value != bucket.last) {
                        matches.add(bucket.reason);
                        bucket.last = value;
                        bucket.count--;
                    }
                }
            }
            for (Bucket bucket : within) {
                if (!bucket.within.zero() && current.time().isAfter(bucket.within.before(latest))) {
                    long value = bucket.bucketOf.applyAsLong(current.time(), nr);
                    if (value != bucket.last) {
                        matches.add(bucket.reason + " " + bucket.within);
                        bucket.last = value;
                    }
                }
            }
            if (matches.isEmpty()) {
                remove.add(current);
            } else {
                keep.add(current);
                reasons.add(new Reason(current, matches, counted.get(0).count, counted.get(1).count,
                        counted.get(2).count, counted.get(3).count, counted.get(4).count, counted.get(5).count));
            }
        }
        return new Decision(key, keep, remove, reasons);
    }

    /** restic's {@code HasTags}: all tags of the list, where an empty tag matches an untagged snapshot. */
    static boolean hasTags(Snapshot snapshot, List<String> tags) {
        for (String tag : tags) {
            if (tag.isEmpty() && snapshot.tags().isEmpty()) {
                return true;
            }
            if (!snapshot.tags().contains(tag)) {
                return false;
            }
        }
        return true;
    }

    /** The newest snapshot time that is not in the future (Go's zero time if none). */
    private static OffsetDateTime latest(List<Snapshot> snapshots, OffsetDateTime now) {
        OffsetDateTime latest = dev.holdfast.backup.GoTime.ZERO;
        for (Snapshot snapshot : snapshots) {
            if (snapshot.time().isAfter(latest) && snapshot.time().isBefore(now)) {
                latest = snapshot.time();
            }
        }
        return latest;
    }

    private static long hour(OffsetDateTime t, int nr) {
        return day(t, nr) * 100 + t.getHour();
    }

    private static long day(OffsetDateTime t, int nr) {
        return t.getYear() * 10000L + t.getMonthValue() * 100L + t.getDayOfMonth();
    }

    private static long week(OffsetDateTime t, int nr) {
        return t.get(IsoFields.WEEK_BASED_YEAR) * 100L + t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
    }

    private static long month(OffsetDateTime t, int nr) {
        return t.getYear() * 100L + t.getMonthValue();
    }

    private static long year(OffsetDateTime t, int nr) {
        return t.getYear();
    }
}
