package dev.holdfast.backup.cli;

import dev.holdfast.backup.BackupException;
import dev.holdfast.backup.RepositoryLockedException;
import dev.holdfast.backup.RepositoryNotFoundException;
import dev.holdfast.backup.WrongPasswordException;
import dev.holdfast.backup.repository.RepositoryLock;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code holdfast-backup}: the top-level command, its global options and the mapping of errors to exit codes. */
@Command(name = "holdfast-backup", versionProvider = HoldfastBackup.Version.class,
        description = "Backs up and restores files in restic repositories (format v1/v2).",
        footerHeading = "%nEnvironment:%n",
        footer = {"  RESTIC_REPOSITORY     repository location (like -r)",
            "  RESTIC_PASSWORD       repository password",
            "  RESTIC_PASSWORD_FILE  file holding the password (like -p)",
            "  RESTIC_PASSWORD_COMMAND, RESTIC_REPOSITORY_FILE",
            "                        like --password-command, --repository-file",
            "  HOLDFAST_BACKUP_REPOSITORY, HOLDFAST_BACKUP_PASSWORD, HOLDFAST_BACKUP_PASSWORD_FILE (and _COMMAND, _FILE)",
            "                        the same; they win over RESTIC_*, and flags win over both",
            "  AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_DEFAULT_REGION",
            "                        S3 credentials and region",
            "  AZURE_ACCOUNT_NAME, AZURE_ACCOUNT_KEY, AZURE_ACCOUNT_SAS",
            "                        Azure account and key or SAS token",
            "  HOLDFAST_BACKUP_AZURE_ACCESS_TIER, HOLDFAST_BACKUP_AZURE_ENDPOINT",
            "                        like -o azure.access-tier / azure.endpoint"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:fatal error (bad arguments, I/O error, damaged repository)",
            "3:backup finished, but some source files could not be read", "10:repository does not exist",
            "11:repository is locked", "12:wrong password"})
public final class HoldfastBackup {

    public static final int OK = 0;
    public static final int FATAL = 1;
    public static final int INCOMPLETE = 3;
    public static final int NO_REPOSITORY = 10;
    public static final int LOCKED = 11;
    public static final int WRONG_PASSWORD = 12;
    /** Never an exit code: {@link #run} asks {@link #main} to run the command again with a larger heap. */
    static final int RESTART = -2;
    private static volatile long restartHeapMiB;

    /**
     * The verbs, in the order usage lists them. Only the verb being run is registered with picocli (see
     * {@link #run}): building the model of all twenty-four from their annotations took a fifth of a command's start.
     */
    static final Map<String, Class<?>> VERBS = verbs(InitCommand.class, BackupCommand.class, SnapshotsCommand.class,
            LsCommand.class, CatCommand.class, RestoreCommand.class, CheckCommand.class, ForgetCommand.class,
            PruneCommand.class, KeyCommand.class, UnlockCommand.class, DiffCommand.class, StatsCommand.class,
            CopyCommand.class, DumpCommand.class, FindCommand.class, ListCommand.class, TagCommand.class,
            RebuildIndexCommand.class, VersionCommand.class, MigrateCommand.class, RecoverCommand.class,
            GenerateCommand.class, CacheCommand.class);

    static final String OUT_OF_MEMORY =
            "Fatal: out of memory; give the JVM a larger heap, e.g. HOLDFAST_BACKUP_HEAP=512m (the launcher's default is 96m)";

    /** On every verb, as restic's {@code -h}/{@code --help}: the verb's usage on standard output, exit 0. */
    @Option(scope = CommandLine.ScopeType.INHERIT, names = {"-h", "--help"}, usageHelp = true,
            description = "show this help and exit")
    boolean help;

    @Option(names = {"-V", "--version"}, versionHelp = true, description = "print version information and exit")
    boolean version;

    @Option(scope = CommandLine.ScopeType.INHERIT, names = {"-r", "--repo"}, paramLabel = "REPOSITORY", description = "repository: a local path, s3:https://host/bucket/prefix, azure:container:/prefix or rest:http://host:8000/")
    @Nullable String repository;

    @Option(scope = CommandLine.ScopeType.INHERIT, names = "--repository-file", paramLabel = "FILE", description = "file to read the repository location from")
    @Nullable String repositoryFile;

    @Option(scope = CommandLine.ScopeType.INHERIT, names = {"-p", "--password-file"}, paramLabel = "FILE", description = "file to read the password from")
    @Nullable String passwordFile;

    @Option(scope = CommandLine.ScopeType.INHERIT, names = "--password-command", paramLabel = "COMMAND", description = "command whose output is the password (split into words as restic does, run without a shell)")
    @Nullable String passwordCommand;

    @Option(scope = CommandLine.ScopeType.INHERIT, names = "--key-hint", paramLabel = "KEY", description = "accepted for restic's scripts: every key is tried anyway")
    @Nullable String keyHint;

    @Option(scope = CommandLine.ScopeType.INHERIT, names = {"--no-cache", "--cleanup-cache"}, description = "accepted for restic's scripts: Holdfast keeps no local cache")
    boolean noCache;

    @Option(scope = CommandLine.ScopeType.INHERIT, names = "--cache-dir", paramLabel = "DIR", description = "accepted for restic's scripts: Holdfast keeps no local cache")
    @Nullable String cacheDir;

    @Option(scope = CommandLine.ScopeType.INHERIT, names = "--no-lock", description = "restore and check take no lock (for read-only repositories); other verbs that only read take none anyway, verbs that write always do")
    boolean noLock;

    @Option(scope = CommandLine.ScopeType.INHERIT, names = {"-v", "--verbose"}, description = "accepted for restic's scripts (repeatable): the messages are the same")
    boolean[] verbose = new boolean[0];

    @Option(scope = CommandLine.ScopeType.INHERIT, names = {"-o", "--option"}, paramLabel = "KEY=VALUE",
            description = "backend option, repeatable: local.connections, s3.connections, s3.region, s3.bucket-lookup "
                    + "(auto|dns|path), azure.connections, azure.access-tier (Hot|Cool|Cold, default Cool), "
                    + "azure.endpoint, rest.connections")
    java.util.List<String> extendedOptions = new java.util.ArrayList<>();

    @Option(scope = CommandLine.ScopeType.INHERIT, names = "--cacert", paramLabel = "FILE", split = ",",
            description = "PEM file of root certificates to trust instead of the system's for https repositories "
                    + "(rest, s3, azure); repeatable")
    java.util.List<String> caCertFiles = new java.util.ArrayList<>();

    @Option(scope = CommandLine.ScopeType.INHERIT, names = "--tls-client-cert", paramLabel = "FILE",
            description = "PEM file holding the TLS client certificate and its unencrypted private key, for https "
                    + "repositories that ask for one")
    @Nullable String tlsClientCert;

    @Option(scope = CommandLine.ScopeType.INHERIT, names = "--insecure-tls",
            description = "skip TLS certificate verification (chain and host name) of https repositories (insecure)")
    boolean insecureTls;

    @Option(scope = CommandLine.ScopeType.INHERIT, names = "--limit-upload", paramLabel = "KiB/s",
            description = "limit uploads to this many KiB a second, on average over each file (default: 0, unlimited)")
    long limitUploadKiB;

    @Option(scope = CommandLine.ScopeType.INHERIT, names = "--limit-download", paramLabel = "KiB/s",
            description = "limit downloads to this many KiB a second, on average over each file (default: 0, unlimited)")
    long limitDownloadKiB;

    @Option(scope = CommandLine.ScopeType.INHERIT, names = "--json", description = "print JSON instead of text")
    boolean json;

    @Option(scope = CommandLine.ScopeType.INHERIT, names = {"-q", "--quiet"},
            description = "no progress or messages: only errors and answers (snapshots, ls, stats, diff)")
    boolean quiet;

    @Option(scope = CommandLine.ScopeType.INHERIT, names = "--compression", paramLabel = "MODE", defaultValue = "auto",
            description = "compression of data blobs: auto, max or off (default: ${DEFAULT-VALUE})")
    String compression = "auto";

    @Option(scope = CommandLine.ScopeType.INHERIT, names = "--pack-size", paramLabel = "MiB", defaultValue = "16",
            description = "target pack size in MiB, 4 to 128 (default: ${DEFAULT-VALUE})")
    int packSizeMiB = 16;

    @Option(scope = CommandLine.ScopeType.INHERIT, names = "--insecure-kdf", hidden = true, description = "cheap scrypt parameters for new keys (tests only)")
    boolean insecureKdf;

    Context context;

    HoldfastBackup(Context context) {
        this.context = context;
    }

    public static void main(String[] args) {
        // Running out of heap is a fatal error (exit 1), wherever it happens: the JVM's own -XX:+ExitOnOutOfMemoryError
        // exits with 3, which here means "backup finished, some files unreadable".
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
            if (outOfMemory(error)) {
                exitOutOfMemory(System.err);
            }
            System.err.println("Exception in thread \"" + thread.getName() + "\" " + error);
            error.printStackTrace(System.err);
        });
        int code;
        try {
            code = run(args, System.getenv(), System.in, System.out, System.err, System.console() != null, true);
        } catch (OutOfMemoryError e) {
            exitOutOfMemory(System.err);
            return;
        }
        if (code == RESTART) {
            try {
                code = HeapFit.restart(restartHeapMiB, args);
            } catch (Exception e) {
                System.err.println("Fatal: cannot run again with a larger heap: " + e);
                code = FATAL;
            }
        }
        System.exit(code);
    }

    /**
     * Prints what to do, removes the lock files this process holds (the command holding them is not unwound when a
     * worker thread ran out) and halts at once (with the heap exhausted, shutdown hooks and other threads may not run).
     */
    static void exitOutOfMemory(PrintStream err) {
        err.println(OUT_OF_MEMORY);
        err.flush();
        RepositoryLock.removeAllHeld();
        Runtime.getRuntime().halt(FATAL);
    }

    /** Whether {@code error} is an {@link OutOfMemoryError} or was caused by one. */
    static boolean outOfMemory(@Nullable Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof OutOfMemoryError) {
                return true;
            }
        }
        return false;
    }

    /** Runs one command line with the given environment and streams, as when not on a terminal. */
    public static int run(String[] args, Map<String, String> env, InputStream in, PrintStream out, PrintStream err) {
        return run(args, env, in, out, err, false);
    }

    /**
     * Runs one command line; progress is drawn on {@code err} when {@code terminal}. Returns the exit code.
     *
     * <p>picocli is given only the verb the arguments name (the first argument that is a verb's name) when they parse
     * with it alone into that verb; otherwise (help, no verb, a value that looks like a verb, any error) every verb,
     * so usage and error messages are those of the whole command. With one verb, the arguments can parse only when
     * the first positional argument is that verb, which is what picocli would pick among all of them.
     */
    public static int run(String[] args, Map<String, String> env, InputStream in, PrintStream out, PrintStream err,
            boolean terminal) {
        return run(args, env, in, out, err, terminal, false);
    }

    /**
     * {@code mayRestart}: instead of opening a repository whose index will not fit the heap, return {@link #RESTART}
     * with the heap it needs in {@link #restartHeapMiB} (for {@link #main}, which runs the command again).
     */
    static int run(String[] args, Map<String, String> env, InputStream in, PrintStream out, PrintStream err,
            boolean terminal, boolean mayRestart) {
        Context context = new Context(env, in, out, err, terminal, mayRestart);
        args = helpAsOption(args);
        String verb = Arrays.stream(args).filter(VERBS::containsKey).findFirst().orElse(null);
        if (verb != null) {
            HoldfastBackup top = new HoldfastBackup(context);
            CommandLine line = commandLine(top, List.of(VERBS.get(verb)), out, err);
            boolean parses;
            try {
                parses = line.parseArgs(args).hasSubcommand();
            } catch (CommandLine.ParameterException e) {
                parses = false;
            }
            if (parses) {
                return line.execute(args);
            }
        }
        List<Object> all = new ArrayList<>(VERBS.values());
        return commandLine(new HoldfastBackup(context), all, out, err).execute(args);
    }

    /** {@code help} and {@code help VERB}, as restic takes them, become {@code --help} and {@code VERB --help}. */
    private static String[] helpAsOption(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (VERBS.containsKey(args[i])) {
                return args;
            }
            if (args[i].equals("help")) {
                List<String> rewritten = new ArrayList<>(Arrays.asList(args));
                rewritten.remove(i);
                rewritten.add("--help");
                return rewritten.toArray(String[]::new);
            }
        }
        return args;
    }

    private static CommandLine commandLine(HoldfastBackup top, List<?> verbs, PrintStream out, PrintStream err) {
        CommandLine line = new CommandLine(top);
        verbs.forEach(line::addSubcommand);
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        line.setExecutionExceptionHandler((exception, commandLine, parseResult) -> {
            if (exception instanceof HeapFit.Restart restart) {
                if (!top.quiet) {
                    err.println("holdfast-backup: the repository's index needs a larger heap; running again with "
                            + restart.heapMiB + " MiB (" + HeapFit.HEAP_VARIABLE + " fixes the heap instead)");
                }
                restartHeapMiB = restart.heapMiB;
                return RESTART;
            }
            if (outOfMemory(exception)) { // from a worker thread, passed on as a cause
                err.println(OUT_OF_MEMORY);
                return FATAL;
            }
            err.println("Fatal: " + (exception.getMessage() != null ? exception.getMessage() : exception));
            if (exception.getMessage() == null) { exception.printStackTrace(err); }
            return exitCode(exception);
        });
        line.setParameterExceptionHandler((exception, arguments) -> {
            err.println("Fatal: " + exception.getMessage());
            exception.getCommandLine().usage(err);
            return FATAL;
        });
        top.context = top.context.withOptions(top);
        return line;
    }

    private static Map<String, Class<?>> verbs(Class<?>... commands) {
        Map<String, Class<?>> verbs = new LinkedHashMap<>();
        for (Class<?> command : commands) {
            verbs.put(command.getSimpleName().replace("Command", "").replaceAll("(?<=[a-z])(?=[A-Z])", "-")
                    .toLowerCase(java.util.Locale.ROOT), command);
        }
        return Collections.unmodifiableMap(verbs);
    }

    static int exitCode(Throwable exception) {
        return switch (exception) {
            case RepositoryNotFoundException e -> NO_REPOSITORY;
            case RepositoryLockedException e -> LOCKED;
            case WrongPasswordException e -> WRONG_PASSWORD;
            case BackupException e -> FATAL;
            default -> FATAL;
        };
    }

    /** The version line. */
    static final class Version implements CommandLine.IVersionProvider {

        @Override
        public String[] getVersion() {
            return new String[] {"holdfast-backup " + number() + " (restic repository format v1/v2)"};
        }

        /** The jar's version, or "development" when run from classes. */
        static String number() {
            String version = HoldfastBackup.class.getPackage().getImplementationVersion();
            return version == null ? "development" : version;
        }
    }
}
