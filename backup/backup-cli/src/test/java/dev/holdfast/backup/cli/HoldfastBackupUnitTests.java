package dev.holdfast.backup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

class HoldfastBackupUnitTests {

    @Test
    void namesEachVerbAsItsCommandDoes() {
        // a verb listed under another name would never be run alone: every command would build all twenty-four
        HoldfastBackup.VERBS.forEach((name, command) ->
                assertThat(command.getAnnotation(Command.class).name()).as(command.getSimpleName()).isEqualTo(name));
        assertThat(HoldfastBackup.VERBS).hasSize(24);
    }
}
