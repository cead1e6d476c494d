package dev.holdfast.backup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdfast.backup.interop.Restic;
import dev.holdfast.backup.interop.SampleTree;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --json} of diff, check and restore in restic's message shapes; check's size subsets as restic picks them. */
class JsonOutputIntegrationTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private Cli cli() {
        return Cli.forRepository(temp.resolve("repo").toString());
    }

    private static List<JsonNode> lines(String output) throws IOException {
        List<JsonNode> result = new ArrayList<>();
        for (String line : output.lines().filter(l -> !l.isBlank()).toList()) {
            result.add(JSON.readTree(line));
        }
        return result;
    }

    private String[] twoSnapshots() throws Exception {
        Path source = SampleTree.create(temp.resolve("src"));
        cli().run("init").assertSuccess();
        cli().run("backup", source.toString()).assertSuccess();
        Files.writeString(source.resolve("small.txt"), "changed content");
        Files.delete(source.resolve("random.bin"));
        Files.createDirectories(source.resolve("new dir/inner"));
        Files.writeString(source.resolve("new dir/inner/file"), "new");
        Files.delete(source.resolve("link"));
        Files.writeString(source.resolve("link"), "a file now");
        Files.setPosixFilePermissions(source.resolve("text.log"),
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        cli().run("backup", source.toString()).assertSuccess();
        return lines(cli().run("--json", "snapshots").assertSuccess().stdout()).getFirst().findValuesAsText("short_id")
                .toArray(String[]::new);
    }

    /** Monitoring scripts read these counts from restic's summary: the same tree gives the same ones. */
    @Test
    void backupSummariesCountWhatResticCounts() throws Exception {
        Path source = SampleTree.create(temp.resolve("src"));
        cli().run("init").assertSuccess();
        Restic restic = new Restic(temp.resolve("restic-repo")).initWithCheapKey();
        List<String> fields = List.of("files_new", "files_changed", "files_unmodified", "dirs_new", "dirs_changed",
                "dirs_unmodified", "total_files_processed", "total_bytes_processed");

        for (int round = 0; round < 3; round++) {
            if (round == 2) {
                Files.writeString(source.resolve("small.txt"), "changed content");
            }
            JsonNode ours = summary(cli().run("--json", "backup", source.toString()).assertSuccess().stdout());
            JsonNode theirs = summary(restic.run("--json", "backup", source.toString()).assertSuccess().stdout());

            for (String field : fields) {
                if (round == 1 && field.startsWith("dirs_") && !field.equals("dirs_new")) {
                    continue; // whether /tmp itself changed between the two backups is up to other processes
                }
                assertThat(ours.get(field).asLong()).as("round %d: %s", round, field)
                        .isEqualTo(theirs.get(field).asLong());
            }
            assertThat(ours.get("dirs_changed").asLong() + ours.get("dirs_unmodified").asLong())
                    .isEqualTo(theirs.get("dirs_changed").asLong() + theirs.get("dirs_unmodified").asLong());
            assertThat(ours.get("total_bytes_processed").asLong()).isPositive();
            assertThat(ours.get("total_duration").asDouble()).isPositive();
        }
    }

    private static JsonNode summary(String output) throws IOException {
        return lines(output).stream().filter(line -> line.path("message_type").asText().equals("summary"))
                .findFirst().orElseThrow();
    }

    @Test
    void diffPrintsWhatResticPrints() throws Exception {
        String[] ids = twoSnapshots();
        Restic restic = new Restic(temp.resolve("repo"));

        for (List<String> flags : List.<List<String>>of(List.of(), List.of("--metadata"))) {
            List<String> args = new ArrayList<>(List.of("--json", "diff"));
            args.addAll(flags);
            args.addAll(List.of(ids[0], ids[1]));
            List<JsonNode> ours = lines(cli().run(args.toArray(String[]::new)).assertSuccess().stdout());
            List<JsonNode> theirs = lines(restic.run(args.toArray(String[]::new)).assertSuccess().stdout());

            assertThat(ours).as("diff %s", flags).isEqualTo(theirs);
            assertThat(ours.getLast().get("message_type").asText()).isEqualTo("statistics");
            assertThat(ours.getLast().get("added").get("bytes").asLong()).isPositive();
        }
        assertThat(cli().run("diff", ids[0], ids[1]).assertSuccess().stdout()).contains("T    ")
                .contains("Files:           1 new,     1 removed,     1 changed");
    }

    @Test
    void checkSummarisesAndNamesBrokenPacks() throws Exception {
        Path source = SampleTree.create(temp.resolve("src"));
        cli().run("init").assertSuccess();
        cli().run("backup", source.toString()).assertSuccess();
        JsonNode clean = lines(cli().run("--json", "check", "--read-data").assertSuccess().stdout()).getLast();
        assertThat(clean.toString()).isEqualTo("{\"message_type\":\"summary\",\"num_errors\":0,\"broken_packs\":[],"
                + "\"suggest_repair_index\":false,\"suggest_prune\":false}");

        Path pack = largestPack();
        pack.toFile().setWritable(true);
        try (RandomAccessFile file = new RandomAccessFile(pack.toFile(), "rw")) {
            file.seek(100);
            int b = file.read();
            file.seek(100);
            file.write(b ^ 0xff);
        }
        Cli.Result broken = cli().run("--json", "check", "--read-data");

        assertThat(broken.exitCode()).isEqualTo(HoldfastBackup.FATAL);
        JsonNode summary = lines(broken.stdout()).getLast();
        assertThat(summary.get("num_errors").asInt()).isPositive();
        assertThat(summary.get("broken_packs").get(0).asText()).isEqualTo(pack.getFileName().toString());
        assertThat(lines(broken.stderr())).allSatisfy(line ->
                assertThat(line.get("message_type").asText()).isEqualTo("error"));
    }

    private Path largestPack() throws IOException {
        try (Stream<Path> files = Files.walk(temp.resolve("repo/data"))) {
            return files.filter(Files::isRegularFile).max(java.util.Comparator.comparingLong(p -> p.toFile().length()))
                    .orElseThrow();
        }
    }

    @Test
    void restoreEndsWithASummary() throws Exception {
        Path source = SampleTree.create(temp.resolve("src"));
        cli().run("init").assertSuccess();
        cli().run("backup", source.toString()).assertSuccess();

        List<JsonNode> out = lines(cli().run("--json", "restore", "latest", "--target", temp.resolve("out").toString())
                .assertSuccess().stdout());

        assertThat(out).hasSize(1);
        JsonNode summary = out.getFirst();
        assertThat(summary.get("message_type").asText()).isEqualTo("summary");
        long bytes = 0;
        java.util.Set<Object> inodes = new java.util.HashSet<>();
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .toList()) {
                if (inodes.add(Files.getAttribute(file, "unix:ino"))) { // hardlinked content is restored once
                    bytes += Files.size(file);
                }
            }
        }
        assertThat(summary.get("total_bytes").asLong()).isEqualTo(bytes);
        assertThat(summary.get("bytes_restored").asLong()).isEqualTo(bytes);
        assertThat(summary.get("files_restored").asLong()).isPositive();
    }

    @Test
    void readsAsManyPacksForASizeSubsetAsRestic() throws Exception {
        Path source = Files.createDirectories(temp.resolve("big"));
        Random random = new Random(3);
        for (int i = 0; i < 6; i++) {
            byte[] data = new byte[5_000_000];
            random.nextBytes(data);
            Files.write(source.resolve("f" + i), data);
        }
        Restic restic = new Restic(temp.resolve("repo")).initWithCheapKey();
        restic.run("backup", "--pack-size", "4", source.toString()).assertSuccess();

        for (String size : List.of("1k", "2M", "5M", "8M", "12M", "100G")) {
            String theirs = restic.run("check", "--read-data-subset", size).assertSuccess().stdout();
            String ours = cli().run("check", "--read-data-subset", size).assertSuccess().stdout();
            String packs = theirs.lines().map(String::strip).filter(l -> l.matches(".* \\d+ / \\d+ packs"))
                    .reduce((a, b) -> b).orElseThrow().replaceAll(".* (\\d+) / \\d+ packs", "$1");
            assertThat(ours).as("subset %s", size).contains("read " + packs + " packs");
        }
    }
}
