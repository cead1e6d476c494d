package dev.holdfast.backup.cli;

import dev.holdfast.backup.BackupException;
import dev.holdfast.backup.filter.GoGlob;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * restic's line files: {@code --files-from} (trimmed lines, {@code #} comments, each line a Go glob),
 * {@code --files-from-verbatim} (lines as they are), {@code --files-from-raw} (NUL-separated), and exclude files
 * (trimmed lines, {@code #} comments, {@code $VAR} expanded).
 */
final class FilesFrom {

    private static final Pattern VARIABLE = Pattern.compile("\\$(?:\\{([^}]*)}|([A-Za-z0-9_]+))");

    private FilesFrom() {}

    static List<String> globbed(Path file, PrintStream err) {
        List<String> result = new ArrayList<>();
        for (String line : lines(file)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            List<String> expanded = glob(trimmed);
            if (expanded.isEmpty()) {
                err.println("pattern \"" + trimmed + "\" does not match any files, skipping");
            }
            result.addAll(expanded);
        }
        return result;
    }

    static List<String> verbatim(Path file) {
        return lines(file).stream().filter(line -> !line.isEmpty()).toList();
    }

    static List<String> raw(Path file) {
        String content = read(file);
        return Stream.of(content.split("\0")).filter(name -> !name.isEmpty()).toList();
    }

    static List<String> excludePatterns(Path file, Map<String, String> env) {
        return lines(file).stream().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(line -> expandEnv(line, env)).toList();
    }

    /** Go's {@code os.ExpandEnv}: {@code $NAME} and {@code ${NAME}}, unset ones empty. */
    static String expandEnv(String text, Map<String, String> env) {
        Matcher matcher = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
            matcher.appendReplacement(out, Matcher.quoteReplacement(env.getOrDefault(name, "")));
        }
        return matcher.appendTail(out).toString();
    }

    private static String read(Path file) {
        try {
            return file.toString().equals("-") ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                    : Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BackupException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static List<String> lines(Path file) {
        return read(file).lines().toList();
    }

    private static boolean hasMeta(String text) {
        return text.contains("*") || text.contains("?") || text.contains("[") || text.contains("\\");
    }

    /** Go's {@code filepath.Glob}: the existing paths {@code pattern} matches, sorted within each directory. */
    static List<String> glob(String pattern) {
        if (!hasMeta(pattern)) {
            return Files.exists(Path.of(pattern), LinkOption.NOFOLLOW_LINKS) ? List.of(pattern) : List.of();
        }
        int slash = pattern.lastIndexOf('/');
        String dir = slash < 0 ? "." : slash == 0 ? "/" : pattern.substring(0, slash);
        GoGlob name = GoGlob.compile(pattern.substring(slash + 1))
                .orElseThrow(() -> new BackupException("pattern: " + pattern + ": syntax error in pattern"));
        List<String> result = new ArrayList<>();
        for (String d : hasMeta(dir) ? glob(dir) : List.of(dir)) {
            if (!Files.isDirectory(Path.of(d))) {
                continue;
            }
            try (Stream<Path> entries = Files.list(Path.of(d))) {
                entries.map(p -> p.getFileName().toString()).filter(name::matches).sorted()
                        .forEach(n -> result.add(slash < 0 ? n : d.equals("/") ? "/" + n : d + "/" + n));
            } catch (IOException e) {
                // Go's Glob ignores I/O errors while reading directories
            }
        }
        return result;
    }
}
