package dev.holdfast.backup.cli;

import dev.holdfast.backup.BackupException;
import dev.holdfast.backup.Id;
import dev.holdfast.backup.repository.Repository;
import dev.holdfast.backup.repository.RepositoryLock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code key list|add|remove|passwd}: manages the key files that open the repository. */
@Command(name = "key", description = "Manage keys (passwords): list, add, remove, passwd")
final class KeyCommand implements Callable<Integer> {

    @ParentCommand
    HoldfastBackup top;

    @Parameters(index = "0", paramLabel = "list|add|remove|passwd")
    String action = "list";

    @Parameters(index = "1", arity = "0..1", paramLabel = "ID")
    @Nullable String id;

    @Option(names = "--new-password-file", paramLabel = "FILE", description = "file with the new password")
    @Nullable String newPasswordFile;

    @Option(names = "--user", paramLabel = "NAME", description = "the username for new keys (default: this user)")
    String user = "";

    @Option(names = "--host", paramLabel = "NAME", description = "the hostname for new keys (default: this host)")
    String host = "";

    @Override
    public Integer call() {
        Context context = top.context;
        try (Repository repository = context.openWithoutIndex()) {
            switch (action) {
                case "list" -> list(context, repository);
                case "add" -> {
                    try (RepositoryLock lock = repository.lock(true)) {
                        context.say("saved new key as " + repository.addKey(newPassword(context),
                                context.newKeyKdf(), user, host).shortHex());
                    }
                }
                case "remove" -> {
                    try (RepositoryLock lock = repository.lock(true)) {
                        repository.removeKey(find(repository));
                        context.say("removed key " + id);
                    }
                }
                case "passwd" -> {
                    try (RepositoryLock lock = repository.lock(true)) {
                        repository.addKey(newPassword(context), context.newKeyKdf(), user, host);
                        repository.backend().remove(new dev.holdfast.backup.backend.Handle(
                                dev.holdfast.backup.backend.FileType.KEY, repository.keyId().hex()));
                        context.say("saved new password");
                    }
                }
                default -> throw new BackupException("unknown key action " + action);
            }
        }
        return HoldfastBackup.OK;
    }

    private Id find(Repository repository) {
        if (id == null) {
            throw new BackupException("key remove needs a key ID");
        }
        List<Id> matches = repository.keys().stream().map(Repository.KeyInfo::id)
                .filter(k -> k.hex().startsWith(id)).toList();
        if (matches.size() != 1) {
            throw new BackupException("key " + id + (matches.isEmpty() ? " not found" : " is ambiguous"));
        }
        return matches.getFirst();
    }

    private String newPassword(Context context) {
        if (newPasswordFile == null) {
            throw new BackupException("please give the new password with --new-password-file");
        }
        return Context.readPasswordFile(newPasswordFile);
    }

    private static void list(Context context, Repository repository) {
        List<Repository.KeyInfo> keys = repository.keys();
        if (context.json()) {
            context.printJson(keys.stream().map(k -> {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("current", k.current());
                json.put("id", k.id().hex());
                json.put("userName", k.username());
                json.put("hostName", k.hostname());
                json.put("created", k.created().toString());
                return json;
            }).toList());
            return;
        }
        for (Repository.KeyInfo key : keys) {
            context.out().printf("%s%s  %-10s  %-12s  %s%n", key.current() ? "*" : " ", key.id().shortHex(),
                    key.username(), key.hostname(), key.created().toLocalDateTime().withNano(0));
        }
    }
}
