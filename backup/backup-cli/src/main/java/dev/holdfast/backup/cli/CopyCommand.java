package dev.holdfast.backup.cli;

import dev.holdfast.backup.Snapshot;
import dev.holdfast.backup.copier.Copier;
import dev.holdfast.backup.repository.Repository;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code copy}: copies snapshots from {@code --from-repo} into the repository. */
@Command(name = "copy", description = "Copy snapshots from one repository to another")
final class CopyCommand implements Callable<Integer> {

    @ParentCommand
    HoldfastBackup top;

    @Parameters(paramLabel = "SNAPSHOT", arity = "0..*")
    List<String> ids = new ArrayList<>();

    @Option(names = {"--from-repo", "--repo2"}, required = true, paramLabel = "REPOSITORY")
    String fromRepo = "";

    @Option(names = {"--from-password-file", "--password-file2"}, paramLabel = "FILE")
    @Nullable String fromPasswordFile;

    @Override
    public Integer call() {
        Context context = top.context;
        try (Repository source = context.open(fromRepo, context.password(fromPasswordFile, "FROM_PASSWORD"));
                Repository destination = context.open()) {
            List<Snapshot> selected = Context.select(source, ids, List.of(), List.of(), List.of());
            List<Snapshot> copied = new Copier(source, destination).copy(selected);
            copied.forEach(s -> context.say("snapshot " + s.original().shortHex() + " copied as "
                    + s.requireId().shortHex()));
            context.say("copied " + copied.size() + " of " + selected.size() + " snapshots");
        }
        return HoldfastBackup.OK;
    }
}
