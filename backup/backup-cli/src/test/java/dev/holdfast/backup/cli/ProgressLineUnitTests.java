package dev.holdfast.backup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressLineUnitTests {

    @Test
    void showsFilesBytesRateAndEta() {
        String line = ProgressLine.line(new ProgressLine.Status(340, 100L << 20), 300L << 20, Duration.ofSeconds(10));

        assertThat(line).startsWith("[0:10] 340 files, 100.000 MiB / 300.000 MiB, 10.0 MiB/s, ETA 0:20");
    }

    @Test
    void leavesOutTheEtaUntilTheTotalIsKnown() {
        String line = ProgressLine.line(new ProgressLine.Status(1, 1024), -1, Duration.ofSeconds(3700));

        assertThat(line).startsWith("[1:01:40] 1 files, 1.000 KiB,").doesNotContain("ETA");
    }
}
