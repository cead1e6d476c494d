package dev.holdfast.platform.monitor.status;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The parser settings of the YAML import (no Spring, no database). */
class SetupYamlUnitTests {

    @Test
    void readsDocumentsPastSnakeYamlsDefaultLimitOfThreeMebiCodePoints() {
        // the import's cap is 10 MiB, but SnakeYAML's default refused everything over 3 Mi code points with a parse error
        StringBuilder yaml = new StringBuilder("version: 1\nmonitors: []\n");
        String comment = "# " + "x".repeat(77) + "\n";
        while (yaml.length() < 3_300_000) {
            yaml.append(comment);
        }
        MonitoringSetup setup = SetupTransfer.YAML.readValue(yaml.toString(), MonitoringSetup.class);
        assertThat(setup.version()).isEqualTo(1);
        assertThat(setup.monitors()).isEmpty();
    }
}
