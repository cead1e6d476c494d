package dev.holdfast.platform.crm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RecordValuesUnitTests {

    @Test
    void writesDateTimesAsTheFormatterDoes() {
        long[] edges = {0, -1, 999, 1_000, -1_000, -1_001, System.currentTimeMillis(),
                millis(1, 1, 1, 0, 0, 0), millis(1, 1, 1, 0, 0, 0) - 1, millis(9999, 12, 31, 23, 59, 59),
                millis(9999, 12, 31, 23, 59, 59) + 1_000, millis(10_000, 1, 1, 0, 0, 0), millis(-5, 6, 7, 8, 9, 10)};
        for (long millis : edges) {
            assertThat(RecordValues.formatDateTime(millis)).as("%d", millis).isEqualTo(formatter(millis));
        }
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 10_000; i++) {
            long millis = random.nextLong(millis(1, 1, 1, 0, 0, 0) - 10_000_000, millis(9999, 12, 31, 0, 0, 0) + 10_000_000_000L);
            assertThat(RecordValues.formatDateTime(millis)).as("%d", millis).isEqualTo(formatter(millis));
        }
    }

    @Test
    void writesEspoCrmsForm() {
        assertThat(RecordValues.formatDateTime(millis(2026, 11, 30, 7, 5, 9) + 999)).isEqualTo("2026-11-30 07:05:09");
        assertThat(RecordValues.formatDateTime(-1)).isEqualTo("1969-12-31 23:59:59");
    }

    private static String formatter(long millis) {
        return RecordValues.DATE_TIME.format(Instant.ofEpochMilli(millis).atOffset(ZoneOffset.UTC));
    }

    private static long millis(int year, int month, int day, int hour, int minute, int second) {
        return LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC).toEpochMilli();
    }
}
