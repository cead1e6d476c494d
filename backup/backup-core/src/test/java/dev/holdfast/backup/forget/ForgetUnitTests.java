package dev.holdfast.backup.forget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.backup.Id;
import dev.holdfast.backup.Snapshot;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ForgetUnitTests {

    private static final OffsetDateTime NOW = OffsetDateTime.parse("2026-06-30T12:00:00Z");

    static Snapshot snapshot(int n, String time, String host, String... tags) {
        return new Snapshot(Id.hash(new byte[] {(byte) n}), OffsetDateTime.parse(time), null, Id.hash(new byte[0]),
                List.of("/data"), host, "me", 0, 0, List.of(), List.of(tags), null);
    }

    /** One snapshot every 12 hours for 20 days, newest last. */
    static List<Snapshot> twiceDaily() {
        return IntStream.range(0, 40).mapToObj(i -> snapshot(i,
                NOW.minusHours(12L * (39 - i)).toString(), "h")).toList();
    }

    @Test
    void keepsTheNewestOfEachDayWhileTheCountLasts() {
        Forget.Decision decision = Forget.apply(twiceDaily(), Forget.GroupBy.DEFAULT,
                ForgetPolicy.none().withCounts(0, 3, 0, 0, 0), NOW).getFirst();

        assertThat(decision.keep()).extracting(s -> s.time().toString())
                .containsExactly("2026-06-30T12:00Z", "2026-06-29T12:00Z", "2026-06-28T12:00Z");
        assertThat(decision.remove()).hasSize(37);
    }

    @Test
    void combinesRulesByOrAndCountsLastAsDistinctSnapshots() {
        Forget.Decision decision = Forget.apply(twiceDaily(), Forget.GroupBy.DEFAULT,
                ForgetPolicy.none().withLast(2).withCounts(0, 2, 0, 0, 0), NOW).getFirst();

        assertThat(decision.keep()).hasSize(3);
    }

    @Test
    void ignoresSnapshotsFromTheFutureWhenFindingTheLatest() {
        Forget.Decision decision = Forget.apply(twiceDaily(), Forget.GroupBy.DEFAULT,
                ForgetPolicy.none().withWithin(Within.parse("2d")), NOW).getFirst();

        assertThat(decision.keep()).hasSize(5); // latest is 12 h before NOW: the one at NOW is not before now
    }

    @Test
    void keepsWithinACalendarDurationOfTheLatestSnapshot() {
        Forget.Decision decision = Forget.apply(twiceDaily(), Forget.GroupBy.DEFAULT,
                ForgetPolicy.none().withWithin(Within.parse("2d")), NOW.plusHours(1)).getFirst();

        assertThat(decision.keep()).hasSize(4);
    }

    @Test
    void keepsTaggedSnapshotsAndGroupsByHost() {
        List<Snapshot> snapshots = List.of(snapshot(1, "2026-01-01T00:00:00Z", "a", "keep"),
                snapshot(2, "2026-01-02T00:00:00Z", "a"), snapshot(3, "2026-01-03T00:00:00Z", "a"),
                snapshot(4, "2026-01-01T00:00:00Z", "b"));

        List<Forget.Decision> decisions = Forget.apply(snapshots, Forget.GroupBy.DEFAULT,
                ForgetPolicy.none().withLast(1).withKeepTags(List.of(List.of("keep"))), NOW);

        assertThat(decisions).hasSize(2);
        assertThat(decisions.getFirst().keep()).extracting(Snapshot::id)
                .containsExactly(snapshots.get(2).id(), snapshots.get(0).id());
        assertThat(decisions.get(1).keep()).containsExactly(snapshots.get(3));
    }

    @Test
    void parsesResticDurations() {
        assertThat(Within.parse("1y2m3d4h")).isEqualTo(new Within(1, 2, 3, 4));
        assertThat(Within.parse("36h")).isEqualTo(new Within(0, 0, 0, 36));
    }
}
