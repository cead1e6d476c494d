package dev.holdfast.backup.cli;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code version}: as restic's, one line naming the program, its runtime and platform (also with {@code --json}). */
@Command(name = "version", description = "Print version information")
final class VersionCommand implements Callable<Integer> {

    @ParentCommand
    HoldfastBackup top;

    @Override
    public Integer call() {
        String runtime = Runtime.version().toString();
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> System.getProperty("os.arch");
        };
        String name = HoldfastBackup.Version.number();
        if (top.context.json()) {
            top.context.printJson(Map.of("message_type", "version", "version", name, "java_version", runtime,
                    "os", os, "arch", arch));
        } else {
            top.context.print("holdfast-backup " + name + " compiled with Java " + runtime + " on " + os + "/" + arch);
        }
        return HoldfastBackup.OK;
    }
}
