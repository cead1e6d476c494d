import dev.holdfast.backup.Snapshot;
import dev.holdfast.backup.archiver.Archiver;
import dev.holdfast.backup.archiver.BackupOptions;
import dev.holdfast.backup.archiver.BackupSummary;
import dev.holdfast.backup.backend.BackendRegistry;
import dev.holdfast.backup.backend.local.LocalBackendFactory;
import dev.holdfast.backup.repository.Host;
import dev.holdfast.backup.repository.Repository;
import dev.holdfast.backup.repository.RepositoryOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A no-change backup as a long-running process would make it (the platform's scheduled backups): the repository is
 * opened once (one key derivation, one JVM start), then each round lists the snapshots, picks the parent as the CLI
 * does (latest of the same host and paths) and backs up. Caches are dropped before each round when run as root.
 * Prints one line per round: milliseconds, files unmodified, files read.
 *
 * <p>{@code warm.sh} compiles and runs it (compiled first: the source launcher would load javac into the measured
 * process): {@code java -cp holdfast-backup.jar:classes WarmBackup REPO DATA ROUNDS}.
 */
public class WarmBackup {

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[1]).toAbsolutePath().normalize();
        int rounds = Integer.parseInt(args[2]);
        long start = System.nanoTime();
        try (Repository repository = Repository.open(
                BackendRegistry.of(new LocalBackendFactory(2)).open(args[0]), System.getenv("RESTIC_PASSWORD"),
                RepositoryOptions.defaults())) {
            System.out.printf("opened in %d ms%n", (System.nanoTime() - start) / 1_000_000);
            Archiver archiver = new Archiver(repository);
            for (int round = 1; round <= rounds; round++) {
                dropCaches();
                long began = System.nanoTime();
                Snapshot parent = repository.snapshots().stream()
                        .filter(s -> s.hostname().equals(Host.hostname()) && s.paths().equals(List.of(data.toString())))
                        .reduce((a, b) -> b).orElse(null);
                BackupSummary summary = archiver.backup(List.of(data), BackupOptions.of(Host.hostname())
                        .withParent(parent));
                System.out.printf("round %d: %d ms, %d files unmodified, %d read%n", round,
                        (System.nanoTime() - began) / 1_000_000, summary.filesUnmodified(),
                        summary.filesNew() + summary.filesChanged());
            }
        }
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM") || line.startsWith("VmRSS")) {
                System.out.println(line.replaceAll("\\s+", " "));
            }
        }
    }

    private static void dropCaches() {
        try {
            new ProcessBuilder("sync").start().waitFor();
            Files.writeString(Path.of("/proc/sys/vm/drop_caches"), "3");
        } catch (Exception e) {
            // not root: caches stay warm
        }
    }
}
