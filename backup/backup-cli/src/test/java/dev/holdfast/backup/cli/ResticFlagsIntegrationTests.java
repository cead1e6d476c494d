package dev.holdfast.backup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdfast.backup.Compression;
import dev.holdfast.backup.backend.local.LocalBackend;
import dev.holdfast.backup.interop.Fixtures;
import dev.holdfast.backup.interop.Restic;
import dev.holdfast.backup.interop.SampleTree;
import dev.holdfast.backup.interop.TreeComparison;
import dev.holdfast.backup.repository.Repository;
import dev.holdfast.backup.repository.RepositoryLock;
import dev.holdfast.testkit.Peers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4 (drop-in): restic 0.14's global and backup flags that scripts pass work, with restic's meaning, so that a
 * script switches by changing the binary's name: password command, repository file, the cache and verbosity flags
 * (accepted: Holdfast has no cache), {@code version}, and backup's {@code --time}, {@code --with-atime},
 * {@code --ignore-inode}, {@code --ignore-ctime} and {@code -x}.
 */
class ResticFlagsIntegrationTests {

    @TempDir
    Path temp;

    private Cli cli() {
        return Cli.forRepository(temp.resolve("repo").toString());
    }

    /** The sample tree backed up into a new repository {@code count} times, {@code small.txt} changed in between. */
    private Path sampleTreeInSnapshots(int count) throws Exception {
        Path source = SampleTree.create(temp.resolve("tree"));
        cli().run("init").assertSuccess();
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                Files.writeString(source.resolve("small.txt"), "changed " + i);
            }
            cli().run("backup", source.toString()).assertSuccess();
        }
        return source;
    }

    private Path source() throws Exception {
        Path source = Files.createDirectories(temp.resolve("src"));
        Files.writeString(source.resolve("a.txt"), "some text", StandardCharsets.UTF_8);
        return source;
    }

    @Test
    void takesThePasswordFromACommandAndTheRepositoryFromAFile() throws Exception {
        cli().run("init").assertSuccess();
        Path repositoryFile = Files.writeString(temp.resolve("repository"), temp.resolve("repo") + "\n");

        new Cli().run("--repository-file", repositoryFile.toString(), "--password-command",
                "echo '" + Restic.PASSWORD + "'", "snapshots").assertSuccess();
        new Cli().env("RESTIC_REPOSITORY_FILE", repositoryFile.toString())
                .env("RESTIC_PASSWORD_COMMAND", "echo " + Restic.PASSWORD).run("snapshots").assertSuccess();
        assertThat(new Cli().run("--repository-file", repositoryFile.toString(), "--password-command", "echo wrong",
                "snapshots").exitCode()).isEqualTo(HoldfastBackup.WRONG_PASSWORD);
    }

    @Test
    void refusesAFailingPasswordCommandAndConflictingSources() throws Exception {
        cli().run("init").assertSuccess();
        Path passwordFile = Files.writeString(temp.resolve("pw"), Restic.PASSWORD);

        Cli.Result failing = cli().run("--password-command", "false", "snapshots");
        Cli.Result both = cli().run("--password-command", "echo x", "-p", passwordFile.toString(), "snapshots");
        Cli.Result twoRepositories = cli().run("-r", temp.resolve("repo").toString(), "--repository-file",
                passwordFile.toString(), "snapshots");

        assertThat(failing.exitCode()).isEqualTo(HoldfastBackup.FATAL);
        assertThat(failing.stderr()).contains("password command false failed: exit status 1");
        assertThat(both.exitCode()).isEqualTo(HoldfastBackup.FATAL);
        assertThat(both.stderr()).contains("mutually exclusive");
        assertThat(twoRepositories.exitCode()).isEqualTo(HoldfastBackup.FATAL);
        assertThat(twoRepositories.stderr()).contains("mutually exclusive");
    }

    @Test
    void splitsThePasswordCommandAsResticDoes() {
        assertThat(PasswordCommand.split("pass show 'backup key' \"x y\" a\\ b")).containsExactly("pass", "show",
                "backup key", "x y", "a b");
    }

    @Test
    void acceptsResticsCacheAndVerbosityFlags() throws Exception {
        Path source = source();
        cli().run("init").assertSuccess();

        cli().run("--no-cache", "-v", "-vv", "backup", source.toString()).assertSuccess();
        cli().run("--cache-dir", temp.resolve("no-such-cache").toString(), "--cleanup-cache", "--key-hint", "abc",
                "snapshots").assertSuccess();

        assertThat(temp.resolve("no-such-cache")).doesNotExist();
    }

    @Test
    void restoresAndChecksWithoutLockingWithNoLock() throws Exception {
        Path source = source();
        cli().run("init").assertSuccess();
        cli().run("backup", source.toString()).assertSuccess();
        Path target = temp.resolve("out");
        try (Repository repository = Repository.open(new LocalBackend(temp.resolve("repo")), Restic.PASSWORD,
                Fixtures.options(Compression.AUTO)); RepositoryLock exclusive = repository.lock(true)) {

            assertThat(cli().run("restore", "latest", "--target", target.toString()).exitCode())
                    .isEqualTo(HoldfastBackup.LOCKED);
            cli().run("--no-lock", "restore", "latest", "--target", target.toString()).assertSuccess();
            assertThat(cli().run("--no-lock", "check").assertSuccess().stdout()).contains("no errors were found");
            assertThat(cli().run("--no-lock", "backup", source.toString()).exitCode())
                    .as("a verb that writes locks all the same").isEqualTo(HoldfastBackup.LOCKED);

            assertThat(target.resolve(Path.of("/").relativize(source)).resolve("a.txt")).hasContent("some text");
            try (var locks = Files.list(temp.resolve("repo/locks"))) {
                assertThat(locks).as("only the exclusive lock").hasSize(1);
            }
        }
    }

    @Test
    void statsOfTheSameRepositoryAreResticsInAllFourModes() throws Exception {
        Path source = sampleTreeInSnapshots(2);
        Restic restic = new Restic(temp.resolve("repo"));

        for (List<String> selection : List.of(List.<String>of(), List.of("latest"))) {
            for (String mode : List.of("restore-size", "raw-data", "files-by-contents", "blobs-per-file")) {
                List<String> args = new ArrayList<>(List.of("--json", "stats", "--mode", mode));
                args.addAll(selection);
                JsonNode ours = new ObjectMapper().readTree(cli().run(args.toArray(String[]::new)).assertSuccess()
                        .stdout());
                assertThat(ours).as(mode + " " + selection).isEqualTo(restic.run(args.toArray(String[]::new))
                        .assertSuccess().json());
            }
        }
        assertThat(cli().run("stats", "--mode", "blobs-per-file").assertSuccess().stdout())
                .contains("Total Blob Count:").contains("Total File Count:");
        Cli.Result unknown = cli().run("stats", "--mode", "files");
        assertThat(unknown.exitCode()).isEqualTo(HoldfastBackup.FATAL);
        assertThat(unknown.stderr()).contains("unknown counting mode: files");
    }

    @Test
    void latestMeansTheLatestOfTheHostTagsAndPathsGiven() throws Exception {
        Path source = source();
        Path other = Files.createDirectories(temp.resolve("other"));
        Files.writeString(other.resolve("b.txt"), "other");
        cli().run("init").assertSuccess();
        cli().run("backup", "--host", "alpha", "--tag", "daily", source.toString()).assertSuccess();
        Files.writeString(source.resolve("a.txt"), "newer text");
        cli().run("backup", "--host", "beta", source.toString()).assertSuccess();
        cli().run("backup", "--host", "beta", other.toString()).assertSuccess();
        Restic restic = new Restic(temp.resolve("repo"));

        Path alpha = temp.resolve("alpha");
        cli().run("restore", "latest", "--host", "alpha", "--target", alpha.toString()).assertSuccess();
        String taggedListing = cli().run("ls", "latest", "--tag", "daily").assertSuccess().stdout();
        String pathListing = cli().run("ls", "latest", "--path", source.toString()).assertSuccess().stdout();
        Cli.Result none = cli().run("ls", "latest", "--host", "gamma");

        assertThat(alpha.resolve(Path.of("/").relativize(source)).resolve("a.txt")).hasContent("some text");
        assertThat(taggedListing).contains(source.resolve("a.txt").toString());
        assertThat(pathListing).contains(source.resolve("a.txt").toString())
                .doesNotContain(other.resolve("b.txt").toString());
        assertThat(none.exitCode()).isEqualTo(HoldfastBackup.FATAL);
        assertThat(none.stderr()).contains("no snapshot found");
        assertThat(ids(cli().run("--json", "snapshots", "--latest", "1").assertSuccess().stdout()))
                .hasSize(3).isEqualTo(ids(restic.run("--json", "snapshots", "--latest", "1").assertSuccess().stdout()));
        for (String groupBy : List.of("host", "host,paths", "tags", "paths,tags")) {
            assertThat(groups(cli().run("--json", "snapshots", "--group-by", groupBy).assertSuccess().stdout()))
                    .as(groupBy).isEqualTo(groups(restic.run("--json", "snapshots", "--group-by", groupBy)
                            .assertSuccess().stdout()));
        }
        assertThat(cli().run("snapshots", "-g", "host").assertSuccess().stdout())
                .contains("snapshots for (host [alpha]):").contains("snapshots for (host [beta]):");
        List<String> forget = List.of("--json", "forget", "--dry-run", "--keep-last", "1", "--group-by", "host");
        assertThat(forgetGroups(cli().run(forget.toArray(String[]::new)).assertSuccess().stdout()))
                .isEqualTo(forgetGroups(restic.run(forget.toArray(String[]::new)).assertSuccess().stdout()));
        List<String> noPolicy = List.of("--json", "forget", "--dry-run");
        assertThat(cli().run(noPolicy.toArray(String[]::new)).assertSuccess().stdout())
                .isEqualTo(restic.run(noPolicy.toArray(String[]::new)).assertSuccess().stdout()).isEmpty();
        cli().run("snapshots", "-c").assertSuccess();
        cli().run("check", "--with-cache").assertSuccess();
    }

    /** Per group key (as JSON text), the IDs of its snapshots; restic prints the groups in no fixed order. */
    private static java.util.Map<String, List<String>> groups(String json) throws Exception {
        java.util.Map<String, List<String>> groups = new java.util.TreeMap<>();
        for (JsonNode group : new ObjectMapper().readTree(json)) {
            groups.put(group.get("group_key").toString(), ids(group.get("snapshots").toString()));
        }
        return groups;
    }

    /** Per forget group (tags, host, paths as JSON text), the IDs kept and removed, and why each was kept. */
    private static java.util.Map<String, List<Object>> forgetGroups(String json) throws Exception {
        java.util.Map<String, List<Object>> groups = new java.util.TreeMap<>();
        for (JsonNode group : new ObjectMapper().readTree(json)) {
            String key = group.get("tags") + " " + group.get("host") + " " + group.get("paths");
            assertThat(group.get("reasons")).as(key).hasSize(group.get("keep").size());
            groups.put(key, List.of(ids(group.get("keep").toString()), ids(group.get("remove").toString()),
                    group.get("reasons")));
        }
        return groups;
    }

    private static List<String> ids(String json) throws Exception {
        List<String> ids = new ArrayList<>();
        new ObjectMapper().readTree(json).forEach(snapshot -> ids.add(snapshot.get("id").asText()));
        return ids;
    }

    @Test
    void dumpsAFileToStandardOutputAsResticDoes() throws Exception {
        Path source = sampleTreeInSnapshots(1);
        Restic restic = new Restic(temp.resolve("repo"));

        byte[] random = cli().run("dump", "latest", source.resolve("random.bin").toString()).assertSuccess()
                .stdoutBytes();
        String log = cli().run("dump", "latest", source.resolve("text.log").toString()).assertSuccess().stdout();
        Cli.Result missing = cli().run("dump", "latest", source.resolve("no such file").toString());

        assertThat(random).isEqualTo(Files.readAllBytes(source.resolve("random.bin")));
        assertThat(log).isEqualTo(restic.run("dump", "latest", source.resolve("text.log").toString())
                .assertSuccess().stdout()).isEqualTo(Files.readString(source.resolve("text.log")));
        assertThat(missing.exitCode()).isEqualTo(HoldfastBackup.FATAL);
        assertThat(missing.stderr()).contains("no such file in the snapshot");
    }

    @Test
    void listsWhatResticLists() throws Exception {
        Path source = sampleTreeInSnapshots(2);
        Restic restic = new Restic(temp.resolve("repo"));

        for (String type : List.of("blobs", "packs", "index", "snapshots", "keys", "locks")) {
            assertThat(new TreeSet<>(cli().run("list", type).assertSuccess().stdout().lines().toList())).as(type)
                    .isEqualTo(new TreeSet<>(restic.run("list", type).assertSuccess().stdout().lines().toList()));
        }
        assertThat(cli().run("list", "blobs").stdout()).contains("data ").contains("tree ");
        assertThat(cli().run("list", "trees").exitCode()).isEqualTo(HoldfastBackup.FATAL);
    }

    @Test
    void changesTagsAsResticDoesKeepingTheOriginalId() throws Exception {
        Path source = source();
        cli().run("init").assertSuccess();
        cli().run("backup", "--tag", "old", source.toString()).assertSuccess();
        cli().run("backup", source.toString()).assertSuccess();
        Restic restic = new Restic(temp.resolve("repo"));
        JsonNode before = new ObjectMapper().readTree(restic.run("snapshots", "--json").assertSuccess().stdout());
        String first = before.get(0).get("id").asText();

        cli().run("tag", "--add", "a,b", "--add", "old", first).assertSuccess();
        cli().run("tag", "--remove", "old", "--tag", "a").assertSuccess();
        Cli.Result both = cli().run("tag", "--set", "x", "--add", "y", first);

        JsonNode after = new ObjectMapper().readTree(restic.run("snapshots", "--json").assertSuccess().stdout());
        assertThat(after).hasSize(2);
        assertThat(after.get(0).get("tags")).containsExactly(
                new ObjectMapper().readTree("\"a\""), new ObjectMapper().readTree("\"b\""));
        assertThat(after.get(0).get("original").asText()).isEqualTo(first);
        assertThat(after.get(1)).as("the untagged snapshot is left as it was").isEqualTo(before.get(1));
        assertThat(temp.resolve("repo/snapshots").resolve(first)).doesNotExist();
        assertThat(both.exitCode()).isEqualTo(HoldfastBackup.FATAL);
        assertThat(restic.run("check").assertSuccess().stdout()).contains("no errors were found");

        cli().run("tag", "--set", "", after.get(0).get("id").asText()).assertSuccess();
        JsonNode cleared = new ObjectMapper().readTree(restic.run("snapshots", "--json").assertSuccess().stdout());
        assertThat(cleared.get(0).has("tags")).as("no tags left").isFalse();
        assertThat(cleared.get(0).get("original").asText()).isEqualTo(first);
    }

    @Test
    void copiesFromTheSourceResticsEnvironmentNamesAndOnlyWhatTheFiltersPass() throws Exception {
        Path source = source();
        cli().run("init").assertSuccess();
        cli().run("backup", "--host", "alpha", source.toString()).assertSuccess();
        cli().run("backup", "--host", "beta", source.toString()).assertSuccess();
        Cli second = new Cli().env("RESTIC_REPOSITORY", temp.resolve("second").toString())
                .env("RESTIC_PASSWORD", "second").env("RESTIC_FROM_REPOSITORY", temp.resolve("repo").toString())
                .env("RESTIC_FROM_PASSWORD_COMMAND", "echo " + Restic.PASSWORD);

        second.run("init", "--copy-chunker-params").assertSuccess();
        assertThat(second.run("copy", "--host", "beta").assertSuccess().stdout()).contains("copied 1 of 1");

        JsonNode copied = new ObjectMapper().readTree(new Restic(temp.resolve("second"), "second")
                .run("snapshots", "--json").assertSuccess().stdout());
        assertThat(copied).hasSize(1);
        assertThat(copied.get(0).get("hostname").asText()).isEqualTo("beta");
        Cli.Result noSource = cli().run("copy");
        assertThat(noSource.exitCode()).isEqualTo(HoldfastBackup.FATAL);
        assertThat(noSource.stderr()).contains("--from-repo");
    }

    @Test
    void findsWhatResticFinds() throws Exception {
        Path source = SampleTree.create(temp.resolve("tree"));
        cli().run("init").assertSuccess();
        cli().run("backup", source.toString()).assertSuccess();
        Files.writeString(source.resolve("dir with space/NEW.TXT"), "new");
        cli().run("backup", "--tag", "second", source.toString()).assertSuccess();
        Restic restic = new Restic(temp.resolve("repo"));

        for (List<String> args : List.of(List.of("*.txt"), List.of("-i", "*.txt", "deeper"),
                List.of("--tag", "second", "*.TXT"), List.of("no-such-name"),
                List.of(source + "/dir with space/*"), List.of(source + "/*.txt", source + "/**/deep.txt"),
                List.of("-i", source.toString().toUpperCase(java.util.Locale.ROOT) + "/DIR WITH SPACE"))) {
            List<String> command = new ArrayList<>(List.of("--json", "find"));
            command.addAll(args);
            assertThat(found(cli().run(command.toArray(String[]::new)).assertSuccess().stdout())).as(args.toString())
                    .isEqualTo(found(restic.run(command.toArray(String[]::new)).assertSuccess().stdout()));
        }
        assertThat(cli().run("find", "*.txt").assertSuccess().stdout()).contains("Found matching entries in snapshot")
                .contains(source.resolve("small.txt").toString());
    }

    @Test
    void restoresWhatCaseInsensitivePatternsSelectAsResticDoes() throws Exception {
        Path source = SampleTree.create(temp.resolve("tree"));
        Files.writeString(source.resolve("dir with space/NEW.TXT"), "new");
        cli().run("init").assertSuccess();
        cli().run("backup", source.toString()).assertSuccess();
        Restic restic = new Restic(temp.resolve("repo"));

        for (List<String> patterns : List.of(List.of("--iinclude", "*.TXT"), List.of("--iexclude", "DIR WITH SPACE"))) {
            Path ours = temp.resolve("ours" + patterns.getFirst());
            Path theirs = temp.resolve("theirs" + patterns.getFirst());
            List<String> args = new ArrayList<>(List.of("restore", "latest", "--target"));
            cli().run(Stream.concat(Stream.concat(args.stream(), Stream.of(ours.toString())), patterns.stream())
                    .toArray(String[]::new)).assertSuccess();
            restic.run(Stream.concat(Stream.concat(args.stream(), Stream.of(theirs.toString())), patterns.stream())
                    .toArray(String[]::new)).assertSuccess();
            var expected = new java.util.TreeMap<>(TreeComparison.describe(theirs));
            var actual = new java.util.TreeMap<>(TreeComparison.describe(ours));
            expected.remove("");
            actual.remove("");
            assertThat(actual).as(patterns.toString()).isNotEmpty().isEqualTo(expected);
        }
        Cli.Result both = cli().run("restore", "latest", "--target", temp.resolve("both").toString(), "--include",
                "a", "--iexclude", "b");
        assertThat(both.exitCode()).isEqualTo(HoldfastBackup.FATAL);
        assertThat(both.stderr()).contains("exclude and include patterns are mutually exclusive");
        assertThat(temp.resolve("both")).doesNotExist();
    }

    @Test
    void findsByModificationTimeAndByBlobTreeAndPackIdAsResticDoes() throws Exception {
        Path source = SampleTree.create(temp.resolve("tree"));
        cli().run("init").assertSuccess();
        cli().run("backup", source.toString()).assertSuccess();
        Files.writeString(source.resolve("dir with space/NEW.TXT"), "new");
        cli().run("backup", source.toString()).assertSuccess();
        Restic restic = new Restic(temp.resolve("repo"));
        java.util.function.Function<List<String>, List<String>> ours = args -> objects(cli().run(
                Stream.concat(Stream.of("--json", "find"), args.stream()).toArray(String[]::new)).assertSuccess()
                .stdout());
        java.util.function.Function<List<String>, List<String>> theirs = args -> objects(restic.run(
                Stream.concat(Stream.of("--json", "find"), args.stream()).toArray(String[]::new)).assertSuccess()
                .stdout());

        // SampleTree dates its entries 2020-09-14 to 2020-09-29 (UTC); NEW.TXT and the folders above are from today
        for (List<String> args : List.of(List.of("--oldest", "2020-09-20 00:00:00 +0000", "*"),
                List.of("-N", "2020-09-20 00:00:00 +0000", "*"), List.of("-O", "2021-01-01", "*"),
                List.of("-O", "14.09.2020", "-N", "25.09.2020 23:59", "*.txt"))) {
            List<String> command = new ArrayList<>(List.of("--json", "find"));
            command.addAll(args);
            assertThat(found(cli().run(command.toArray(String[]::new)).assertSuccess().stdout())).as(args.toString())
                    .isNotEmpty()
                    .isEqualTo(found(restic.run(command.toArray(String[]::new)).assertSuccess().stdout()));
        }

        Path deep = source.resolve("dir with space/nested/deeper/deep.txt");
        String blob = dev.holdfast.backup.Id.hash(Files.readAllBytes(deep)).hex();
        String tree = new ObjectMapper().readTree(restic.run("cat", "snapshot", restic.run("--json", "snapshots")
                .assertSuccess().json().get(0).get("id").asText()).assertSuccess().stdout()).get("tree").asText();
        for (Path name : source.resolve("dir with space/nested")) {
            tree = subtree(restic, tree, name.toString());
        }
        List<String> packs = restic.run("list", "packs").assertSuccess().stdout().lines().toList();
        for (List<String> args : List.of(List.of("--blob", blob), List.of("--blob", blob.substring(0, 8)),
                List.of("--tree", tree), List.of("--tree", tree.substring(0, 8)), List.of("--pack", packs.get(0)),
                List.of("--pack", packs.get(1).substring(0, 8)))) {
            assertThat(ours.apply(args)).as(args.toString()).isEqualTo(theirs.apply(args));
        }
        assertThat(ours.apply(List.of("--blob", blob))).hasSize(2).allMatch(o -> o.contains(deep.toString()));
        assertThat(ours.apply(List.of("--tree", tree))).hasSize(2)
                .allMatch(o -> o.contains("\"path\":\"" + source.resolve("dir with space/nested") + "\""));
        java.util.function.Function<String, List<String>> packLines = out -> out.lines()
                .filter(line -> line.startsWith("Object belongs to pack") || line.contains("<Blob")).toList();
        assertThat(packLines.apply(cli().run("find", "--blob", blob, "--show-pack-id").assertSuccess().stdout()))
                .hasSize(2).isEqualTo(packLines.apply(restic.run("find", "--blob", blob, "--show-pack-id")
                        .assertSuccess().stdout()));

        Cli.Result badTime = cli().run("find", "-O", "yesterday", "*");
        Cli.Result twoKinds = cli().run("find", "--blob", "--tree", blob);
        Cli.Result noPack = cli().run("find", "--pack", "0123abcd");
        assertThat(badTime.exitCode()).isEqualTo(HoldfastBackup.FATAL);
        assertThat(badTime.stderr()).contains("unable to parse time: \"yesterday\"");
        assertThat(twoKinds.stderr()).contains("cannot have several ID types");
        assertThat(noPack.stderr()).contains("unable to find pack(s): [0123abcd]");
        assertThat(restic.run("find", "--pack", "0123abcd").stderr()).contains("unable to find pack(s): [0123abcd]");
    }

    /** The ID of the folder {@code name} in tree {@code id}, read with restic. */
    private static String subtree(Restic restic, String id, String name) throws Exception {
        for (JsonNode node : new ObjectMapper().readTree(restic.run("cat", "blob", id).assertSuccess().stdout())
                .get("nodes")) {
            if (node.get("name").asText().equals(name)) {
                return node.get("subtree").asText();
            }
        }
        throw new AssertionError(name + " not in tree " + id);
    }

    /** restic's find objects, each as its JSON text, sorted. */
    private static List<String> objects(String json) {
        try {
            List<String> objects = new ArrayList<>();
            new ObjectMapper().readTree(json).forEach(node -> objects.add(node.toString()));
            return objects.stream().sorted().toList();
        } catch (Exception e) {
            throw new AssertionError(json, e);
        }
    }

    @Test
    void listsFoldersDirectlyOrRecursivelyAsResticDoes() throws Exception {
        Path source = sampleTreeInSnapshots(1);
        Restic restic = new Restic(temp.resolve("repo"));
        String folder = source.resolve("dir with space").toString();

        for (List<String> args : List.<List<String>>of(List.of(folder), List.of("--recursive", folder),
                List.of(folder, source.resolve("empty dir") + "/"), List.of(source.toString()), List.of())) {
            List<String> command = new ArrayList<>(List.of("ls", "latest"));
            command.addAll(args);
            java.util.function.Function<String, List<String>> paths = out -> out.lines()
                    .filter(line -> line.startsWith("/")).toList();
            assertThat(paths.apply(cli().run(command.toArray(String[]::new)).assertSuccess().stdout()))
                    .as(args.toString()).isNotEmpty()
                    .isEqualTo(paths.apply(restic.run(command.toArray(String[]::new)).assertSuccess().stdout()));
        }
        assertThat(cli().run("ls", "latest", folder).stdout()).doesNotContain("deep.txt");
        Cli.Result relative = cli().run("ls", "latest", "dir with space");
        assertThat(relative.exitCode()).isEqualTo(HoldfastBackup.FATAL);
        assertThat(relative.stderr()).contains("All path filters must be absolute");
    }

    @Test
    void recordsTheUserAndHostGivenForANewKey() throws Exception {
        cli().run("init").assertSuccess();
        Path newPassword = Files.writeString(temp.resolve("new-password"), "another password\n");
        cli().run("key", "add", "--user", "alice", "--host", "backup-box", "--new-password-file",
                newPassword.toString()).assertSuccess();

        JsonNode keys = new Restic(temp.resolve("repo")).run("--json", "key", "list").assertSuccess().json();
        assertThat(keys).hasSize(2);
        assertThat(keys).anyMatch(key -> key.get("userName").asText().equals("alice")
                && key.get("hostName").asText().equals("backup-box") && !key.get("current").asBoolean());
        assertThat(keys).anyMatch(key -> key.get("hostName").asText().equals(dev.holdfast.backup.repository.Host
                .hostname()) && key.get("current").asBoolean());
    }

    @Test
    void generatesABashCompletionThatCompletesVerbsAndOptions() throws Exception {
        Path script = temp.resolve("holdfast-backup.bash");
        cli().run("generate", "--bash-completion", script.toString()).assertSuccess();
        Cli.Result man = cli().run("generate", "--man", temp.toString());
        Cli.Result cache = cli().run("cache", "--cleanup", "--max-age", "10");

        Process bash = new ProcessBuilder("bash", "-c", "source " + script + "; "
                + "COMP_WORDS=(holdfast-backup res); COMP_CWORD=1; _complete_holdfast-backup; echo \"${COMPREPLY[*]}\"; "
                + "COMP_WORDS=(holdfast-backup restore --ii); COMP_CWORD=2; _complete_holdfast-backup; "
                + "echo \"${COMPREPLY[*]}\"").redirectError(ProcessBuilder.Redirect.DISCARD).start(); // compopt warns
        List<String> completions = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .toList();
        assertThat(bash.waitFor()).isZero();
        assertThat(completions).containsExactly("restore", "--iinclude");
        assertThat(man.exitCode()).isEqualTo(HoldfastBackup.FATAL);
        assertThat(man.stderr()).contains("man pages cannot be generated");
        assertThat(cache.exitCode()).isZero();
    }

    /** Per snapshot ID, the paths found. */
    private static java.util.Map<String, TreeSet<String>> found(String json) throws Exception {
        java.util.Map<String, TreeSet<String>> found = new java.util.TreeMap<>();
        for (JsonNode snapshot : new ObjectMapper().readTree(json)) {
            TreeSet<String> paths = new TreeSet<>();
            snapshot.get("matches").forEach(match -> paths.add(match.get("path").asText()));
            assertThat(snapshot.get("hits").asInt()).isEqualTo(paths.size());
            found.put(snapshot.get("snapshot").asText(), paths);
        }
        return found;
    }

    @Test
    void dumpsADirectoryAsATarOrZipArchiveThatUnpacksAsResticsDoes() throws Exception {
        Path source = sampleTreeInSnapshots(1);
        Peers.executable("unzip", "apt-get install -y unzip");

        for (String format : List.of("tar", "zip")) {
            for (String path : List.of(source.toString(), source.resolve("dir with space").toString(), "/")) {
                String name = format + "-" + Math.abs(path.hashCode());
                Path ours = Files.write(temp.resolve("ours." + format), cli().run("dump", "--archive", format,
                        "latest", path).assertSuccess().stdoutBytes());
                Path theirs = temp.resolve("theirs." + format);
                ProcessBuilder resticDump = new ProcessBuilder(Peers.executable("restic", "apt-get install -y restic")
                        .toString(), "--no-cache", "-r", temp.resolve("repo").toString(), "dump", "--archive", format,
                        "latest", path).redirectOutput(theirs.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
                resticDump.environment().put("RESTIC_PASSWORD", Restic.PASSWORD);
                assertThat(resticDump.start().waitFor()).isZero();
                Path ourTree = Files.createDirectories(temp.resolve("ours-" + name));
                Path theirTree = Files.createDirectories(temp.resolve("theirs-" + name));

                assertThat(unpack(ours, ourTree)).as(format).isZero();
                assertThat(unpack(theirs, theirTree)).as(format).isZero();

                var expected = new java.util.TreeMap<>(TreeComparison.describe(theirTree));
                var actual = new java.util.TreeMap<>(TreeComparison.describe(ourTree));
                // the folders on the way to what was dumped are made by tar, not read from the archives
                String dumped = path.equals("/") ? "" : Path.of("/").relativize(Path.of(path)).toString();
                for (var map : List.of(expected, actual)) {
                    map.keySet().removeIf(key -> key.isEmpty() || dumped.equals(key) || dumped.startsWith(key + "/"));
                    if (format.equals("zip")) { // unzip makes symlinks without setting their times
                        map.replaceAll((key, value) -> value.startsWith("120") ? value.replaceFirst(" \\S+ ", " ")
                                : value);
                    }
                }
                assertThat(actual).as(format + " " + path).isNotEmpty().isEqualTo(expected);
            }
            Path listed = temp.resolve("ours-" + format + "-" + Math.abs(source.toString().hashCode()));
            assertThat(listed.resolve(Path.of("/").relativize(source)).resolve("small.txt")).exists();
            assertThat(listed.resolve(Path.of("/").relativize(source)).resolve("link")).isSymbolicLink();
        }
        Cli.Result unknown = cli().run("dump", "--archive", "7z", "latest", "/");
        assertThat(unknown.exitCode()).isEqualTo(HoldfastBackup.FATAL);
        assertThat(unknown.stderr()).contains("unknown archive format");
    }

    private static int unpack(Path archive, Path into) throws Exception {
        return archive.toString().endsWith(".zip") ? run("unzip", "-q", "-o", archive.toString(), "-d", into.toString())
                : run("tar", "-xpf", archive.toString(), "-C", into.toString());
    }

    @Test
    void dryRunReadsAndCountsButWritesNothing() throws Exception {
        Path source = SampleTree.create(temp.resolve("tree"));
        cli().run("init").assertSuccess();
        List<String> before = repositoryFiles();

        Cli.Result dry = cli().run("--json", "backup", "--dry-run", source.toString()).assertSuccess();
        List<String> after = repositoryFiles();
        Cli.Result real = cli().run("--json", "backup", source.toString()).assertSuccess();

        assertThat(after).isEqualTo(before);
        JsonNode wouldAdd = new ObjectMapper().readTree(dry.stdout().lines().filter(l -> l.contains("summary"))
                .findFirst().orElseThrow());
        JsonNode added = new ObjectMapper().readTree(real.stdout().lines().filter(l -> l.contains("summary"))
                .findFirst().orElseThrow());
        assertThat(wouldAdd.get("dry_run").asBoolean()).isTrue();
        assertThat(wouldAdd.has("snapshot_id")).isFalse();
        for (String field : List.of("files_new", "data_blobs", "data_added", "total_bytes_processed")) {
            assertThat(wouldAdd.get(field).asLong()).as(field).isPositive().isEqualTo(added.get(field).asLong());
        }
        assertThat(cli().run("backup", "-n", source.toString()).assertSuccess().stdout())
                .contains("Would add to the repository: 0 B").doesNotContain("saved");
    }

    private List<String> repositoryFiles() throws Exception {
        try (Stream<Path> files = Files.walk(temp.resolve("repo"))) {
            return files.filter(Files::isRegularFile).map(Path::toString).sorted().toList();
        }
    }

    @Test
    void printsItsVersionAsResticDoes() {
        assertThat(new Cli().run("version").assertSuccess().stdout()).startsWith("holdfast-backup ")
                .contains(" compiled with Java " + Runtime.version().feature()).contains(" on linux/");
    }

    @Test
    void recordsTheSnapshotTimeGivenAndRefusesOneItCannotRead() throws Exception {
        Path source = source();
        cli().run("init").assertSuccess();

        cli().run("backup", "--time", "2012-11-01 22:08:41", source.toString()).assertSuccess();
        Cli.Result bad = cli().run("backup", "--time", "2012-11-01T22:08", source.toString());

        JsonNode snapshots = new ObjectMapper().readTree(cli().run("--json", "snapshots").assertSuccess().stdout());
        assertThat(snapshots).hasSize(1);
        assertThat(OffsetDateTime.parse(snapshots.get(0).get("time").asText()).toInstant()).isEqualTo(
                LocalDateTime.parse("2012-11-01T22:08:41").atZone(ZoneId.systemDefault()).toInstant());
        assertThat(bad.exitCode()).isEqualTo(HoldfastBackup.FATAL);
        assertThat(bad.stderr()).contains("--time").contains("YYYY-MM-DD HH:MM:SS");
    }

    @Test
    void recordsAccessTimesOnlyWhenAsked() throws Exception {
        Path source = source();
        Path file = source.resolve("a.txt");
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2021-01-01T00:00:00Z")));
        cli().run("init").assertSuccess();

        cli().run("backup", source.toString()).assertSuccess();
        JsonNode plain = node(file);
        // set after the first backup, whose reading may have moved it
        Files.setAttribute(file, "lastAccessTime", FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        cli().run("backup", "--with-atime", source.toString()).assertSuccess();
        JsonNode withAtime = node(file);

        assertThat(Instant.parse(plain.get("atime").asText())).isEqualTo("2021-01-01T00:00:00Z");
        assertThat(Instant.parse(withAtime.get("atime").asText())).isEqualTo("2020-01-01T00:00:00Z");
    }

    /** The node of {@code path} in the latest snapshot, as restic lists it. */
    private JsonNode node(Path path) throws Exception {
        ObjectMapper json = new ObjectMapper();
        for (String line : new Restic(temp.resolve("repo")).run("ls", "--json", "latest").assertSuccess().stdout()
                .lines().toList()) {
            JsonNode node = json.readTree(line);
            if (node.path("path").asText().equals(path.toString())) {
                return node;
            }
        }
        throw new AssertionError(path + " is not in the snapshot");
    }

    @Test
    void readsAFileAgainWhenItsInodeOrCtimeChangedUnlessToldToIgnoreThat() throws Exception {
        Path source = source();
        Path file = source.resolve("a.txt");
        cli().run("init").assertSuccess();
        cli().run("backup", source.toString()).assertSuccess();

        replaceWithACopy(file); // new inode, same size and mtime
        long changedByInode = changedFiles("backup", source.toString());
        replaceWithACopy(file);
        long ignoringInode = changedFiles("backup", "--ignore-inode", "--ignore-ctime", source.toString());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------")); // ctime only
        long changedByCtime = changedFiles("backup", source.toString());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        long ignoringCtime = changedFiles("backup", "--ignore-ctime", source.toString());

        assertThat(List.of(changedByInode, ignoringInode, changedByCtime, ignoringCtime)).containsExactly(1L, 0L, 1L,
                0L);
    }

    private static void replaceWithACopy(Path file) throws Exception {
        Path copy = file.resolveSibling("copy");
        Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES);
        Files.move(copy, file, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Runs a backup with {@code --json} and answers how many files it found changed. */
    private long changedFiles(String... args) throws Exception {
        String[] withJson = new String[args.length + 1];
        withJson[0] = "--json";
        System.arraycopy(args, 0, withJson, 1, args.length);
        String summary = cli().run(withJson).assertSuccess().stdout().lines()
                .filter(line -> line.contains("\"summary\"")).findFirst().orElseThrow();
        JsonNode json = new ObjectMapper().readTree(summary);
        assertThat(json.get("files_new").asLong()).isZero();
        return json.get("files_changed").asLong();
    }

    @Test
    void staysOnTheTargetsFileSystemWithOneFileSystemAsResticDoes() throws Exception {
        Path source = source();
        Files.createDirectories(source.resolve("sub"));
        Files.writeString(source.resolve("sub/b.txt"), "b");
        Path mountPoint = Files.createDirectories(source.resolve("mnt"));
        Peers.assume(run("mount", "-t", "tmpfs", "holdfast-test", mountPoint.toString()) == 0,
                "a tmpfs mount (root)", "run the tests as root, as CI does");
        try {
            Files.writeString(mountPoint.resolve("inside.txt"), "on another file system");
            Files.createDirectories(mountPoint.resolve("dir"));
            Restic restic = new Restic(temp.resolve("restic-repo")).initWithCheapKey();
            restic.run("backup", "-x", source.toString()).assertSuccess();
            cli().run("init").assertSuccess();

            cli().run("backup", "-x", source.toString()).assertSuccess();

            TreeSet<String> expected = restic.latestPaths();
            assertThat(expected).contains(mountPoint.toString(), source.resolve("sub/b.txt").toString())
                    .doesNotContain(mountPoint.resolve("inside.txt").toString());
            assertThat(new Restic(temp.resolve("repo")).latestPaths()).isEqualTo(expected);
            cli().run("backup", source.toString()).assertSuccess();
            assertThat(new Restic(temp.resolve("repo")).latestPaths()).contains(mountPoint.resolve("inside.txt").toString());
        } finally {
            run("umount", mountPoint.toString());
        }
    }

    private static int run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return process.waitFor(30, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }
}
