package dev.holdfast.backup.cli;

import dev.holdfast.backup.BackupException;
import dev.holdfast.backup.backend.FileInfo;
import dev.holdfast.backup.backend.FileType;
import dev.holdfast.backup.repository.PackedBlob;
import dev.holdfast.backup.repository.Repository;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code list}: the IDs of a repository's files of one type, or its indexed blobs, one a line, as restic lists them. */
@Command(name = "list", description = "List objects in the repository: blobs|packs|index|snapshots|keys|locks")
final class ListCommand implements Callable<Integer> {

    @ParentCommand
    HoldfastBackup top;

    @Parameters(index = "0", paramLabel = "TYPE")
    String type = "";

    @Override
    public Integer call() {
        Context context = top.context;
        FileType files = switch (type) {
            case "blobs" -> null;
            case "packs" -> FileType.DATA;
            case "index" -> FileType.INDEX;
            case "snapshots" -> FileType.SNAPSHOT;
            case "keys" -> FileType.KEY;
            case "locks" -> FileType.LOCK;
            default -> throw new BackupException("no such type: " + type
                    + " (one of blobs, packs, index, snapshots, keys, locks)");
        };
        try (Repository repository = files == null ? context.open() : context.openWithoutIndex()) {
            if (files == null) {
                for (int entry = 0; entry < repository.indexEntryCount(); entry++) {
                    PackedBlob blob = repository.indexEntry(entry);
                    context.out().println(blob.type().json() + " " + blob.id().hex());
                }
            } else {
                for (FileInfo file : repository.backend().list(files)) {
                    context.out().println(file.name());
                }
            }
            context.out().flush();
        }
        return HoldfastBackup.OK;
    }
}
