package dev.holdfast.backup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.backup.interop.Restic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 4: prune's decisions match restic 0.14's. One repository (written by restic, 4 MiB packs: large partly used
 * packs after a forget, a dozen small packs, tree packs) is copied; restic prunes one copy and Holdfast the other
 * with the same flags; the original packs each keeps untouched must be the same, and restic checks both clean.
 */
class PruneInteropIntegrationTests {

    @TempDir
    static Path shared;

    static Path original;

    @BeforeAll
    static void makeRepository() throws IOException {
        original = shared.resolve("original");
        Restic restic = new Restic(original).initWithCheapKey();
        Random random = new Random(11);
        Path big = Files.createDirectories(shared.resolve("src/big"));
        for (int i = 0; i < 6; i++) {
            Files.write(big.resolve("f" + i), bytes(random, 3_000_000));
        }
        restic.run("backup", "--pack-size", "4", big.toString()).assertSuccess();
        for (int i = 1; i < 6; i += 2) {
            Files.delete(big.resolve("f" + i));
        }
        restic.run("backup", "--pack-size", "4", big.toString()).assertSuccess();
        for (int i = 0; i < 12; i++) {
            Path small = Files.createDirectories(shared.resolve("src/small" + i));
            Files.write(small.resolve("s"), bytes(random, 100_000));
            restic.run("backup", "--pack-size", "4", small.toString()).assertSuccess();
        }
        String first = restic.run("snapshots", "--json").assertSuccess().json().get(0).get("short_id").asText();
        restic.run("forget", first).assertSuccess();
    }

    private static byte[] bytes(Random random, int size) {
        byte[] data = new byte[size];
        random.nextBytes(data);
        return data;
    }

    static Stream<List<String>> flags() {
        return Stream.of(List.of(), List.of("--max-unused", "0"), List.of("--max-unused", "2M"),
                List.of("--repack-small"), List.of("--max-unused", "unlimited", "--repack-small"),
                List.of("--max-repack-size", "5M", "--max-unused", "0"),
                List.of("--repack-cacheable-only", "--max-unused", "0"));
    }

    @TempDir
    Path temp;

    @ParameterizedTest
    @MethodSource("flags")
    void keepsTheSamePacksAsRestic(List<String> flags) throws IOException {
        Path theirs = copy(original, temp.resolve("restic"));
        Path ours = copy(original, temp.resolve("holdfast"));
        Set<String> before = packs(original);
        List<String> args = new ArrayList<>(List.of("--pack-size", "4", "prune"));
        args.addAll(flags);

        new Restic(theirs).run(args.toArray(String[]::new)).assertSuccess();
        Cli.forRepository(ours.toString())
                .run(args.toArray(String[]::new)).assertSuccess();

        Set<String> keptByRestic = kept(before, theirs);
        assertThat(keptByRestic).as("restic changed something").isNotEqualTo(before);
        assertThat(kept(before, ours)).as("original packs kept with %s", flags).isEqualTo(keptByRestic);
        assertThat(new Restic(ours).run("check", "--read-data").assertSuccess().stdout())
                .contains("no errors were found");
    }

    private static Set<String> kept(Set<String> before, Path repository) throws IOException {
        Set<String> after = packs(repository);
        return before.stream().filter(after::contains).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> packs(Path repository) throws IOException {
        try (Stream<Path> files = Files.walk(repository.resolve("data"))) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, StandardCopyOption.COPY_ATTRIBUTES);
                    target.toFile().setWritable(true, true);
                }
            }
        }
        return to;
    }
}
