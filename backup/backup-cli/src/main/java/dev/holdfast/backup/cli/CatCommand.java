package dev.holdfast.backup.cli;

import dev.holdfast.backup.BackupException;
import dev.holdfast.backup.BlobType;
import dev.holdfast.backup.Id;
import dev.holdfast.backup.backend.FileType;
import dev.holdfast.backup.backend.Handle;
import dev.holdfast.backup.repository.Repository;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code cat}: prints a repository object: config, index, snapshot, key, blob or tree. */
@Command(name = "cat", description = "Print internal objects to stdout: config|index|snapshot|key|blob|tree ID")
final class CatCommand implements Callable<Integer> {

    @ParentCommand
    HoldfastBackup top;

    @Parameters(index = "0", paramLabel = "TYPE")
    String type = "config";

    @Parameters(index = "1", arity = "0..1", paramLabel = "ID")
    String id = "";

    @Override
    public Integer call() {
        Context context = top.context;
        try (Repository repository = context.open()) {
            byte[] bytes = switch (type) {
                case "config" -> repository.config().toJson();
                case "index" -> repository.loadUnpacked(FileType.INDEX, Id.parse(id));
                case "snapshot" -> repository.loadUnpacked(FileType.SNAPSHOT,
                        repository.findSnapshot(id).requireId());
                case "key" -> repository.backend().load(new Handle(FileType.KEY, Id.parse(id).hex()), 0, 0);
                case "blob" -> repository.lookup(BlobType.DATA, Id.parse(id)) != null
                        ? repository.loadBlob(BlobType.DATA, Id.parse(id)) : repository.loadBlob(BlobType.TREE, Id.parse(id));
                case "tree" -> repository.loadBlob(BlobType.TREE, id.length() == 64 ? Id.parse(id)
                        : repository.findSnapshot(id).tree());
                default -> throw new BackupException("invalid type \"" + type + "\"");
            };
            context.out().write(bytes, 0, bytes.length);
            if (!type.equals("blob") && bytes.length > 0 && bytes[bytes.length - 1] != '\n') {
                context.out().println();
            }
            context.out().flush();
        }
        return HoldfastBackup.OK;
    }
}
