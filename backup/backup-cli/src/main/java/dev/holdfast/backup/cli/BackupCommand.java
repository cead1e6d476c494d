package dev.holdfast.backup.cli;

import dev.holdfast.backup.BackupException;
import dev.holdfast.backup.Sizes;
import dev.holdfast.backup.Snapshot;
import dev.holdfast.backup.archiver.Archiver;
import dev.holdfast.backup.archiver.BackupOptions;
import dev.holdfast.backup.archiver.BackupSummary;
import dev.holdfast.backup.archiver.Exclusions;
import dev.holdfast.backup.repository.Host;
import dev.holdfast.backup.repository.Repository;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code backup}: saves paths (or stdin) as a new snapshot; exit code 3 when some files could not be read. */
@Command(name = "backup", description = "Create a new backup of files and/or directories")
final class BackupCommand implements Callable<Integer> {

    @ParentCommand
    HoldfastBackup top;

    @Parameters(paramLabel = "PATH", arity = "0..*")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--stdin", description = "read the file to back up from standard input")
    boolean stdin;

    @Option(names = "--stdin-filename", defaultValue = "stdin", description = "file name for --stdin")
    String stdinFilename = "stdin";

    @Option(names = {"-e", "--exclude"}, paramLabel = "PATTERN", description = "exclude a pattern (repeatable)")
    List<String> excludes = new ArrayList<>();

    @Option(names = "--exclude-file", paramLabel = "FILE", description = "read exclude patterns from a file (repeatable)")
    List<Path> excludeFiles = new ArrayList<>();

    @Option(names = "--iexclude", paramLabel = "PATTERN", description = "same as --exclude, ignoring case (repeatable)")
    List<String> iexcludes = new ArrayList<>();

    @Option(names = "--iexclude-file", paramLabel = "FILE", description = "same as --exclude-file, ignoring case")
    List<Path> iexcludeFiles = new ArrayList<>();

    @Option(names = "--exclude-caches", description = "exclude directories tagged with a CACHEDIR.TAG file")
    boolean excludeCaches;

    @Option(names = "--exclude-if-present", paramLabel = "FILE[:HEADER]",
            description = "exclude a directory's contents if it holds FILE (starting with HEADER) (repeatable)")
    List<String> excludeIfPresent = new ArrayList<>();

    @Option(names = "--exclude-larger-than", paramLabel = "SIZE", description = "exclude files larger than SIZE (e.g. 1k, 50M, 2G)")
    @Nullable String excludeLargerThan;

    @Option(names = "--files-from", paramLabel = "FILE", description = "read paths (globs) to back up from FILE, one a line (repeatable)")
    List<Path> filesFrom = new ArrayList<>();

    @Option(names = "--files-from-verbatim", paramLabel = "FILE", description = "read paths to back up from FILE, one a line, as they are")
    List<Path> filesFromVerbatim = new ArrayList<>();

    @Option(names = "--files-from-raw", paramLabel = "FILE", description = "read NUL-separated paths to back up from FILE")
    List<Path> filesFromRaw = new ArrayList<>();

    @Option(names = "--tag", paramLabel = "TAG[,TAG]", description = "add tags to the snapshot (repeatable)")
    List<String> tags = new ArrayList<>();

    @Option(names = {"-H", "--host"}, description = "host name to record (default: this host)")
    @Nullable String host;

    @Option(names = "--parent", paramLabel = "SNAPSHOT", description = "parent snapshot (default: latest of same paths)")
    @Nullable String parent;

    @Option(names = {"-f", "--force"}, description = "read all files, ignoring the parent snapshot")
    boolean force;

    @Option(names = {"-x", "--one-file-system"}, description = "stay on each target's file system (mount points are saved empty)")
    boolean oneFileSystem;

    @Option(names = "--time", paramLabel = "TIME", description = "snapshot time, local: 'YYYY-MM-DD HH:MM:SS' (default: now)")
    @Nullable String time;

    @Option(names = "--with-atime", description = "record access times (default: a node's atime is its mtime, as restic's)")
    boolean withAtime;

    @Option(names = "--ignore-inode", description = "a file whose inode changed is unchanged if size, mtime and ctime are")
    boolean ignoreInode;

    @Option(names = {"-n", "--dry-run"}, description = "read and count, but write nothing: no data, index or snapshot")
    boolean dryRun;

    @Option(names = "--ignore-ctime", description = "a file whose ctime changed is unchanged if size, mtime and inode are")
    boolean ignoreCtime;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss")
            .withResolverStyle(ResolverStyle.STRICT);

    @Override
    public Integer call() throws IOException {
        Context context = top.context;
        String hostname = host != null ? host : Host.hostname();
        List<String> allTags = tags.stream().flatMap(t -> Arrays.stream(t.split(","))).filter(t -> !t.isBlank())
                .toList();
        try (Repository repository = context.open()) {
            Archiver archiver = new Archiver(repository);
            BackupOptions options = new BackupOptions(hostname, allTags, null, exclusions(context), snapshotTime(),
                    flags());
            List<Path> paths = targets(context);
            BackupSummary summary;
            if (stdin) {
                summary = archiver.backupStdin(context.in(), stdinFilename, options);
            } else {
                if (paths.isEmpty()) {
                    throw new BackupException("nothing to back up, please specify target files/dirs");
                }
                BackupOptions withParent = options.withParent(force ? null : parent(repository, paths, hostname));
                if (context.progress()) {
                    try (ProgressLine line = new ProgressLine(context.err(), paths, () -> {
                        Archiver.Progress p = archiver.progress();
                        return new ProgressLine.Status(p.files(), p.bytesRead());
                    })) {
                        summary = archiver.backup(paths, withParent);
                    }
                } else {
                    summary = archiver.backup(paths, withParent);
                }
            }
            summary.errors().forEach(error -> context.err().println("error: " + error));
            report(context, summary);
            return summary.errors().isEmpty() ? HoldfastBackup.OK : HoldfastBackup.INCOMPLETE;
        }
    }

    private @Nullable OffsetDateTime snapshotTime() {
        if (time == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(time, TIME).atZone(ZoneId.systemDefault()).toOffsetDateTime();
        } catch (DateTimeParseException e) {
            throw new BackupException("--time: cannot parse \"" + time + "\", want local time as YYYY-MM-DD HH:MM:SS");
        }
    }

    private Set<BackupOptions.Flag> flags() {
        Set<BackupOptions.Flag> flags = EnumSet.noneOf(BackupOptions.Flag.class);
        if (oneFileSystem) {
            flags.add(BackupOptions.Flag.ONE_FILE_SYSTEM);
        }
        if (withAtime) {
            flags.add(BackupOptions.Flag.WITH_ATIME);
        }
        if (ignoreInode) {
            flags.add(BackupOptions.Flag.IGNORE_INODE);
        }
        if (ignoreCtime) {
            flags.add(BackupOptions.Flag.IGNORE_CTIME);
        }
        if (dryRun) {
            flags.add(BackupOptions.Flag.DRY_RUN);
        }
        return flags;
    }

    private Exclusions exclusions(Context context) {
        List<String> patterns = new ArrayList<>(excludes);
        excludeFiles.forEach(file -> patterns.addAll(FilesFrom.excludePatterns(file, context.env())));
        List<String> insensitive = new ArrayList<>(iexcludes);
        iexcludeFiles.forEach(file -> insensitive.addAll(FilesFrom.excludePatterns(file, context.env())));
        Exclusions result = Exclusions.patterns(patterns).withInsensitivePatterns(insensitive)
                .withIfPresent(excludeIfPresent)
                .withLargerThan(excludeLargerThan == null ? -1 : Sizes.parse(excludeLargerThan));
        return excludeCaches ? result.withCaches() : result;
    }

    private List<Path> targets(Context context) {
        List<Path> all = new ArrayList<>(this.paths);
        filesFrom.forEach(file -> FilesFrom.globbed(file, context.err()).forEach(p -> all.add(Path.of(p))));
        filesFromVerbatim.forEach(file -> FilesFrom.verbatim(file).forEach(p -> all.add(Path.of(p))));
        filesFromRaw.forEach(file -> FilesFrom.raw(file).forEach(p -> all.add(Path.of(p))));
        return all;
    }

    private @Nullable Snapshot parent(Repository repository, List<Path> paths, String hostname) {
        if (parent != null) {
            return repository.findSnapshot(parent);
        }
        List<String> wanted = paths.stream().map(p -> p.toAbsolutePath().normalize().toString()).sorted().distinct()
                .toList();
        return repository.snapshots().stream().filter(s -> s.hostname().equals(hostname))
                .filter(s -> s.paths().stream().sorted().toList().equals(wanted)).reduce((a, b) -> b).orElse(null);
    }

    private static void report(Context context, BackupSummary summary) {
        if (context.json()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("message_type", "summary");
            json.put("files_new", summary.filesNew());
            json.put("files_changed", summary.filesChanged());
            json.put("files_unmodified", summary.filesUnmodified());
            json.put("dirs_new", summary.directoriesNew());
            json.put("dirs_changed", summary.directoriesChanged());
            json.put("dirs_unmodified", summary.directoriesUnmodified());
            json.put("data_blobs", summary.dataBlobsAdded());
            json.put("data_added", summary.bytesAdded());
            json.put("total_files_processed", summary.filesProcessed());
            json.put("total_bytes_processed", summary.bytesProcessed());
            json.put("total_duration", summary.duration().toNanos() / 1e9);
            if (summary.snapshot().id() == null) {
                json.put("dry_run", true);
            } else {
                json.put("snapshot_id", summary.snapshot().requireId().hex());
            }
            context.printJson(json);
            return;
        }
        context.say(String.format("Files:       %5d new, %5d changed, %5d unmodified", summary.filesNew(),
                summary.filesChanged(), summary.filesUnmodified()));
        context.say(String.format("Dirs:        %5d new, %5d changed, %5d unmodified", summary.directoriesNew(),
                summary.directoriesChanged(), summary.directoriesUnmodified()));
        boolean saved = summary.snapshot().id() != null;
        context.say((saved ? "Added to the repository: " : "Would add to the repository: ")
                + Output.bytes(summary.bytesAdded()));
        context.say("");
        long seconds = summary.duration().toSeconds();
        context.say(String.format("processed %d files, %s in %d:%02d", summary.filesProcessed(),
                Output.bytes(summary.bytesProcessed()), seconds / 60, seconds % 60));
        if (saved) {
            context.say("snapshot " + summary.snapshot().requireId().shortHex() + " saved");
        }
    }
}
