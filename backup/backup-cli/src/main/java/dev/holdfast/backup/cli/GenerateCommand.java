package dev.holdfast.backup.cli;

import dev.holdfast.backup.BackupException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code generate}: shell completion for every verb and option, written by picocli's {@link AutoComplete} (a bash
 * script that zsh loads through {@code bashcompinit}, so one script serves both). restic's fish completion and man
 * pages are not generated (exit 1).
 */
@Command(name = "generate", description = "Generate shell completion files")
final class GenerateCommand implements Callable<Integer> {

    @ParentCommand
    HoldfastBackup top;

    @Option(names = "--bash-completion", paramLabel = "FILE", description = "write bash completion file")
    @Nullable Path bash;

    @Option(names = "--zsh-completion", paramLabel = "FILE", description = "write zsh completion file")
    @Nullable Path zsh;

    @Option(names = "--fish-completion", paramLabel = "FILE", description = "not supported (exit 1)")
    @Nullable Path fish;

    @Option(names = "--man", paramLabel = "DIRECTORY", description = "not supported (exit 1)")
    @Nullable Path man;

    @Override
    public Integer call() {
        if (fish != null || man != null) {
            throw new BackupException((fish != null ? "fish completion" : "man pages")
                    + " cannot be generated; --bash-completion and --zsh-completion can");
        }
        if (bash == null && zsh == null) {
            throw new BackupException("nothing to do, please specify at least one output file/dir");
        }
        CommandLine all = new CommandLine(new HoldfastBackup(top.context));
        HoldfastBackup.VERBS.values().forEach(all::addSubcommand);
        String script = AutoComplete.bash("holdfast-backup", all);
        for (Path file : new Path[] {bash, zsh}) {
            if (file != null) {
                try {
                    Files.writeString(file, script, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new BackupException("cannot write " + file + ": " + e.getMessage(), e);
                }
                top.context.say("writing completion file to " + file);
            }
        }
        return HoldfastBackup.OK;
    }
}
