package dev.holdfast.backup.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.holdfast.backup.Compression;
import dev.holdfast.backup.Snapshot;
import dev.holdfast.backup.archiver.Archiver;
import dev.holdfast.backup.archiver.BackupOptions;
import dev.holdfast.backup.backend.local.LocalBackend;
import dev.holdfast.backup.checker.CheckOptions;
import dev.holdfast.backup.checker.Checker;
import dev.holdfast.backup.forget.Forget;
import dev.holdfast.backup.forget.ForgetPolicy;
import dev.holdfast.backup.forget.Within;
import dev.holdfast.backup.pruner.PruneOptions;
import dev.holdfast.backup.pruner.PruneSummary;
import dev.holdfast.backup.pruner.Pruner;
import dev.holdfast.backup.repository.Repository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 4, 6b (forget --prune) and restic's forget semantics, checked against restic 0.14 itself. */
class ForgetAndPruneInteropIntegrationTests {

    @TempDir
    Path temp;

    @Test
    void forgetsTheSnapshotsResticWouldForget() throws Exception {
        Restic restic = new Restic(temp.resolve("repo"));
        Path source = Files.createDirectories(temp.resolve("src"));
        Files.writeString(source.resolve("f"), "x");
        OffsetDateTime start = OffsetDateTime.parse("2025-12-20T08:30:00+01:00");
        try (Repository repository = Repository.init(new LocalBackend(temp.resolve("repo")), Restic.PASSWORD,
                Fixtures.options(Compression.AUTO), null)) {
            Archiver archiver = new Archiver(repository);
            for (int i = 0; i < 24; i++) {
                OffsetDateTime time = start.plusHours(i * 31L + (i % 3) * 7L);
                archiver.backup(List.of(source), new BackupOptions(i % 4 == 0 ? "b" : "a",
                        i % 5 == 0 ? List.of("monthly") : List.of(), null, dev.holdfast.backup.archiver.Exclusions.NONE, time));
            }
            ForgetPolicy policy = ForgetPolicy.none().withLast(2).withCounts(3, 4, 2, 1, 0)
                    .withKeepTags(List.of(List.of("monthly"))).withWithinBuckets(Within.ZERO, Within.parse("3d"),
                            Within.ZERO, Within.ZERO, Within.ZERO);
            List<Forget.Decision> ours = Forget.apply(repository.snapshots(), Forget.GroupBy.DEFAULT, policy,
                    OffsetDateTime.now());

            JsonNode theirs = restic.run("forget", "--dry-run", "--json", "--keep-last", "2", "--keep-hourly", "3",
                    "--keep-daily", "4", "--keep-weekly", "2", "--keep-monthly", "1", "--keep-tag", "monthly",
                    "--keep-within-daily", "3d").assertSuccess().json();

            assertThat(ids(ours.stream().flatMap(d -> d.keep().stream()).toList())).isEqualTo(resticIds(theirs, "keep"));
            assertThat(ids(ours.stream().flatMap(d -> d.remove().stream()).toList()))
                    .isEqualTo(resticIds(theirs, "remove")).isNotEmpty();
            assertThat(reasons(ours)).isEqualTo(resticReasons(theirs)).hasSize(resticIds(theirs, "keep").size());
        }
    }

    /** Per kept snapshot's time, what it matched and the bucket counts left, as restic's {@code reasons} say. */
    private static java.util.Map<String, String> reasons(List<Forget.Decision> decisions) {
        java.util.Map<String, String> reasons = new java.util.TreeMap<>();
        for (Forget.Decision decision : decisions) {
            for (Forget.Reason r : decision.reasons()) {
                reasons.put(dev.holdfast.backup.GoTime.format(r.snapshot().time()), r.matches() + " " + List.of(
                        r.last(), r.hourly(), r.daily(), r.weekly(), r.monthly(), r.yearly()));
            }
        }
        return reasons;
    }

    private static java.util.Map<String, String> resticReasons(JsonNode groups) {
        java.util.Map<String, String> reasons = new java.util.TreeMap<>();
        groups.forEach(group -> group.get("reasons").forEach(reason -> {
            List<String> matches = new java.util.ArrayList<>();
            reason.get("matches").forEach(match -> matches.add(match.asText()));
            JsonNode c = reason.get("counters");
            reasons.put(reason.get("snapshot").get("time").asText(), matches + " " + List.of(c.path("last").asInt(),
                    c.path("hourly").asInt(), c.path("daily").asInt(), c.path("weekly").asInt(),
                    c.path("monthly").asInt(), c.path("yearly").asInt()));
        }));
        return reasons;
    }

    private static Set<String> ids(List<Snapshot> snapshots) {
        return snapshots.stream().map(s -> s.requireId().hex()).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> resticIds(JsonNode groups, String field) {
        Set<String> ids = new TreeSet<>();
        groups.forEach(group -> {
            if (group.get(field) != null && !group.get(field).isNull()) {
                group.get(field).forEach(snapshot -> ids.add(snapshot.get("id").asText()));
            }
        });
        return ids;
    }

    @Test
    void prunesWhatResticBackedUpSoThatResticStillChecksClean() throws Exception {
        Restic restic = new Restic(temp.resolve("repo"));
        Path source = Files.createDirectories(temp.resolve("src"));
        restic.initWithCheapKey();
        Random random = new Random(3);
        for (int i = 0; i < 3; i++) {
            byte[] data = new byte[700 * 1024];
            random.nextBytes(data);
            Files.write(source.resolve("file" + i), data);
            Files.deleteIfExists(source.resolve("file" + (i - 1)));
            restic.run("backup", source.toString()).assertSuccess();
        }

        try (Repository repository = Repository.open(new LocalBackend(temp.resolve("repo")), Restic.PASSWORD,
                Fixtures.options(Compression.AUTO))) {
            Forget.Decision decision = Forget.apply(repository.snapshots(), Forget.GroupBy.DEFAULT,
                    ForgetPolicy.none().withLast(1), OffsetDateTime.now()).getFirst();
            decision.remove().forEach(snapshot -> repository.removeSnapshot(snapshot.requireId()));
            PruneSummary summary = new Pruner(repository).prune(new PruneOptions(0, false));

            assertThat(summary.packsRepacked() + summary.packsDeleted()).isPositive();
            assertThat(summary.unusedBytesAfter()).isZero();
            assertThat(new Checker(repository).check(CheckOptions.readAllData()).errors()).isEmpty();
        }

        assertThat(restic.run("check", "--read-data").assertSuccess().stdout()).contains("no errors were found");
        assertThat(restic.run("snapshots", "--json").assertSuccess().json()).hasSize(1);
        restic.run("restore", "latest", "--target", temp.resolve("out").toString()).assertSuccess();
        assertThat(Files.readAllBytes(temp.resolve("out").resolve(Path.of("/").relativize(source)).resolve("file2")))
                .isEqualTo(Files.readAllBytes(source.resolve("file2")));
    }
}
