package dev.holdfast.backup.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.holdfast.backup.BackupException;
import dev.holdfast.backup.Compression;
import dev.holdfast.backup.Snapshot;
import dev.holdfast.backup.backend.Backend;
import dev.holdfast.backup.backend.RateLimits;
import dev.holdfast.backup.backend.TlsSettings;
import dev.holdfast.backup.repository.KdfParams;
import dev.holdfast.backup.repository.Repository;
import dev.holdfast.backup.repository.RepositoryOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What every command needs: the environment (read only here, never by the engine), the streams and the global
 * options, turned into repository locations, passwords and options.
 */
record Context(Map<String, String> env, InputStream in, PrintStream out, PrintStream err, boolean terminal,
        boolean mayRestart, @Nullable HoldfastBackup options) {

    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    /**
     * {@code mayRestart}: a repository whose index will not fit this JVM's heap ends the command with
     * {@link HeapFit.Restart} once opened, before its index or anything else is read, so that the process can run it again with a heap that fits
     * (only the program's own {@code main} does that).
     */
    Context(Map<String, String> env, InputStream in, PrintStream out, PrintStream err, boolean terminal,
            boolean mayRestart) {
        this(env, in, out, err, terminal, mayRestart, null);
    }

    Context withOptions(HoldfastBackup top) {
        return new Context(env, in, out, err, terminal, mayRestart, top);
    }

    private HoldfastBackup top() {
        if (options == null) {
            throw new IllegalStateException("global options not set");
        }
        return options;
    }

    boolean json() {
        return top().json;
    }

    boolean quiet() {
        return top().quiet;
    }

    /** Whether to draw progress: on a terminal, and neither quiet nor JSON. */
    boolean progress() {
        return terminal && !quiet() && !json();
    }

    /**
     * Prints a line of the command's answer, under {@code --quiet} too: as with restic, quiet silences progress and
     * messages, not a snapshot list, a listing, statistics or a diff, which scripts read.
     */
    void print(String line) {
        out.println(line);
    }

    /** Prints a message unless {@code --quiet}. */
    void say(String line) {
        if (!quiet()) {
            out.println(line);
        }
    }

    void printJson(Object value) {
        printJson(out, value);
    }

    void printJson(PrintStream stream, Object value) {
        try {
            stream.println(JSON.writeValueAsString(value));
        } catch (IOException e) {
            throw new BackupException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    @Nullable String env(String name) {
        String holdfast = env.get("HOLDFAST_BACKUP_" + name);
        if (holdfast != null && !holdfast.isEmpty()) {
            return holdfast;
        }
        String restic = env.get("RESTIC_" + name);
        return restic == null || restic.isEmpty() ? null : restic;
    }

    /** From {@code -r}, {@code --repository-file}, then {@code *_REPOSITORY}, {@code *_REPOSITORY_FILE}. */
    String repositoryLocation() {
        return location(top().repository, top().repositoryFile, "REPOSITORY", "-r");
    }

    /**
     * A repository location from its flag, its file flag, then {@code *_<name>}, {@code *_<name>_FILE} ({@code name}
     * is REPOSITORY, or FROM_REPOSITORY for the source of copy and init).
     */
    String location(@Nullable String flag, @Nullable String fileFlag, String name, String flagName) {
        if (flag != null && fileFlag != null) {
            throw new BackupException("Options " + flagName + " and its repository file are mutually exclusive, "
                    + "please specify only one");
        }
        String file = fileFlag;
        String location = flag;
        if (location == null && file == null) {
            location = env(name);
            file = location == null ? env(name + "_FILE") : null;
        }
        if (file != null) {
            try {
                location = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new BackupException("cannot read repository file " + file + ": " + e.getMessage(), e);
            }
        }
        if (location == null || location.isEmpty()) {
            throw new BackupException("Please specify repository location (" + flagName + " or its repository file)");
        }
        return location;
    }

    /** From {@code --password-command} or {@code *_PASSWORD_COMMAND}, else as {@link #password(String, String)}. */
    String password() {
        return password(top().passwordFile, top().passwordCommand, "PASSWORD");
    }

    /**
     * From a command (flag, then {@code *_<name>_COMMAND}), else as {@link #password(String, String)}; a command and
     * a file are exclusive, as in restic.
     */
    String password(@Nullable String fileFlag, @Nullable String commandFlag, String name) {
        String command = commandFlag != null ? commandFlag : env(name + "_COMMAND");
        if (command == null) {
            return password(fileFlag, name);
        }
        if (fileFlag != null || env(name + "_FILE") != null) {
            throw new BackupException("Password file and command are mutually exclusive options");
        }
        return PasswordCommand.run(command, err);
    }

    /** From a file flag, then {@code *_<name>_FILE}, then {@code *_<name>}. */
    String password(@Nullable String fileFlag, String name) {
        String file = fileFlag != null ? fileFlag : env(name + "_FILE");
        if (file != null) {
            return readPasswordFile(file);
        }
        String password = env(name);
        if (password == null) {
            throw new BackupException("Please specify the password (--password-file, RESTIC_PASSWORD or "
                    + "RESTIC_PASSWORD_FILE)");
        }
        return password;
    }

    static String readPasswordFile(String file) {
        try {
            String content = Files.readString(Path.of(file), StandardCharsets.UTF_8);
            return content.lines().findFirst().orElse("");
        } catch (IOException e) {
            throw new BackupException("cannot read password file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The backend for a location, wrapped as restic wraps every backend: retries around a connection limit. S3, Azure
     * and REST settings come from restic's environment variables and {@code -o key=value}.
     */
    Backend backend(String location) {
        return Backends.open(location, env, extendedOptions(), rateLimits(), tls());
    }

    /**
     * From {@code --cacert}, {@code --tls-client-cert} and {@code --insecure-tls}. As restic, the files are read
     * whatever the repository's scheme, so a wrong one is reported at once.
     */
    TlsSettings tls() {
        List<Path> roots = new ArrayList<>();
        for (String file : top().caCertFiles) {
            if (file.isEmpty()) {
                throw new BackupException("empty filename for root certificate supplied");
            }
            roots.add(Path.of(file));
        }
        String client = top().tlsClientCert;
        if (client != null && client.isEmpty()) {
            throw new BackupException("empty filename for the TLS client certificate supplied");
        }
        return TlsSettings.fromPemFiles(roots, client == null ? null : Path.of(client), top().insecureTls);
    }

    /** From {@code --limit-upload} and {@code --limit-download}, in KiB a second; 0 is unlimited, as in restic. */
    RateLimits rateLimits() {
        long upload = kibPerSecond("--limit-upload", top().limitUploadKiB);
        long download = kibPerSecond("--limit-download", top().limitDownloadKiB);
        return new RateLimits(upload, download);
    }

    private static long kibPerSecond(String flag, long kib) {
        if (kib < 0 || kib > Long.MAX_VALUE / 1024) {
            throw new BackupException(flag + " must be 0 (unlimited) or a number of KiB/s, was " + kib);
        }
        return kib * 1024;
    }

    /** The {@code -o key=value} options; a later one wins. */
    Map<String, String> extendedOptions() {
        Map<String, String> result = new java.util.HashMap<>();
        for (String option : top().extendedOptions) {
            int equals = option.indexOf('=');
            if (equals <= 0) {
                throw new BackupException("-o expects key=value, was '" + option + "'");
            }
            result.put(option.substring(0, equals), option.substring(equals + 1));
        }
        return result;
    }

    /** Options for opening; scrypt costs here only matter for new keys, see {@link #newKeyKdf()}. */
    RepositoryOptions repositoryOptions() {
        KdfParams kdf = top().insecureKdf ? new KdfParams(1024, 8, 1) : new KdfParams(32768, 8, 1);
        RepositoryOptions options = new RepositoryOptions(Compression.parse(top().compression),
                top().packSizeMiB * 1024L * 1024L, kdf, 2);
        if (top().noLock) {
            options = options.withoutReadLocks(); // restore and check only: writing verbs lock, as restic's do
        }
        String temp = env.get("TMPDIR"); // where restic builds its packs too
        return temp == null || temp.isEmpty() ? options : options.withTempDirectory(Path.of(temp));
    }

    /** scrypt costs for a new key file: calibrated as restic does (cheap ones with the hidden test flag). */
    KdfParams newKeyKdf() {
        return top().insecureKdf ? new KdfParams(1024, 8, 1) : KdfParams.calibrated();
    }

    Repository open() {
        return open(repositoryLocation(), password());
    }

    /**
     * For commands that never read the index (snapshots, key, unlock, forget without prune): the repository loads
     * it only when needed, so its size does not matter here.
     */
    Repository openWithoutIndex() {
        return open(repositoryLocation(), password(), 0);
    }

    /** For prune, which repacks: room for {@link HeapFit#PRUNE_FACTOR} times the index files' size. */
    Repository openToPrune() {
        return open(repositoryLocation(), password(), HeapFit.PRUNE_FACTOR);
    }

    Repository open(String location, String password) {
        return open(location, password, HeapFit.OPEN_FACTOR);
    }

    private Repository open(String location, String password, int indexFactor) {
        Repository repository = Repository.open(backend(location), password, repositoryOptions());
        if (mayRestart && indexFactor > 0) {
            try {
                HeapFit.check(repository, env, Runtime.getRuntime().maxMemory(), indexFactor);
            } catch (HeapFit.Restart restart) {
                repository.close(); // nothing read beyond the key and config, nothing written
                throw restart;
            }
        }
        return repository;
    }

    /** Snapshots by ID (or "latest") if given, else all that pass the host, tag and path filters; oldest first. */
    static List<Snapshot> select(Repository repository, List<String> ids, List<String> hosts, List<String> tags,
            List<String> paths) {
        if (!ids.isEmpty()) {
            List<Snapshot> result = new ArrayList<>();
            ids.forEach(id -> result.add(repository.findSnapshot(id)));
            return result;
        }
        return repository.snapshots().stream()
                .filter(s -> hosts.isEmpty() || hosts.contains(s.hostname()))
                .filter(s -> tags.isEmpty() || tags.stream().anyMatch(list ->
                        s.tags().containsAll(List.of(list.split(",")))))
                .filter(s -> paths.isEmpty() || s.paths().containsAll(paths))
                .toList();
    }
}
