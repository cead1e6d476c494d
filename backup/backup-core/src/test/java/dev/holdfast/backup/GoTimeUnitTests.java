package dev.holdfast.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written path for the common shape gives exactly what the JDK's ISO formatter gives. */
class GoTimeUnitTests {

    @Test
    void formatsAndParsesLikeTheIsoFormatter() {
        Random random = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            ZoneOffset offset = switch (i % 5) {
                case 0 -> ZoneOffset.UTC;
                case 1 -> ZoneOffset.ofTotalSeconds(random.nextInt(-18 * 60, 18 * 60 + 1) * 60);
                case 2 -> ZoneOffset.ofTotalSeconds(random.nextInt(-18 * 3600, 18 * 3600 + 1)); // seconds too
                default -> ZoneOffset.ofHours(random.nextInt(-12, 15));
            };
            int year = i % 50 == 0 ? random.nextInt(-20_000, 20_000) : random.nextInt(1, 10_000);
            OffsetDateTime time = OffsetDateTime.of(year, 1 + random.nextInt(12), 1 + random.nextInt(28),
                    random.nextInt(24), random.nextInt(60), random.nextInt(60), nano, offset);
            String iso = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time);

            assertThat(GoTime.format(time)).isEqualTo(iso);
            assertThat(GoTime.parse(iso)).isEqualTo(OffsetDateTime.parse(iso, DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        }
        assertThat(GoTime.format(GoTime.ZERO)).isEqualTo("0001-01-01T00:00:00Z");
    }

    @Test
    void readsWhatResticWritesAndRejectsWhatTheFormatterRejects() {
        assertThat(GoTime.parse("2022-11-05T14:06:32.583452611+01:00")).isEqualTo(
                OffsetDateTime.of(2022, 11, 5, 14, 6, 32, 583452611, ZoneOffset.ofHours(1)));
        assertThat(GoTime.parse("2022-11-05T14:06:32.5-03:30").getOffset()).isEqualTo(
                ZoneOffset.ofHoursMinutes(-3, -30));
        assertThat(GoTime.parse("2022-11-05T14:06Z")).isEqualTo(
                OffsetDateTime.of(2022, 11, 5, 14, 6, 0, 0, ZoneOffset.UTC));
        // shapes the hand-written path leaves to the formatter, which accepts them
        assertThat(GoTime.parse("2022-11-05T14:06:32.Z")).isEqualTo(GoTime.parse("2022-11-05T14:06:32z"))
                .isEqualTo(OffsetDateTime.of(2022, 11, 5, 14, 6, 32, 0, ZoneOffset.UTC));
        for (String bad : new String[] {"2022-02-30T00:00:00Z", "2022-11-05T14:06:32.1234567891Z", "2022-11-05 14:06:32Z", "2022-11-05T14:06:32+19:00",
                "2022-11-05T14:06:32", "x022-11-05T14:06:32Z"}) {
            assertThatThrownBy(() -> GoTime.parse(bad)).as(bad).isInstanceOf(DateTimeParseException.class);
        }
    }
}
