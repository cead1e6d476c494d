package dev.holdfast.backup.archiver;

import dev.holdfast.backup.NodeType;
import dev.holdfast.backup.filter.PatternList;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Applies {@link Exclusions} as restic's archiver does: patterns and tag files by name before {@code lstat}, the size
 * limit after it. Thread-safe; remembers per directory whether a tag file was found.
 */
final class Excludes {

    private record TagFile(String name, byte[] header) {}

    private final PatternList patterns;
    private final PatternList insensitive;
    private final List<TagFile> tagFiles;
    private final long largerThan;
    private final Map<String, Boolean> taggedDirectories = new ConcurrentHashMap<>();

    Excludes(Exclusions exclusions) {
        this.patterns = PatternList.of(exclusions.patterns(), false);
        this.insensitive = PatternList.of(exclusions.insensitivePatterns(), true);
        this.tagFiles = exclusions.ifPresent().stream().map(spec -> {
            int colon = spec.indexOf(':');
            return colon < 0 ? new TagFile(spec, new byte[0])
                    : new TagFile(spec.substring(0, colon), spec.substring(colon + 1).getBytes(StandardCharsets.UTF_8));
        }).toList();
        this.largerThan = exclusions.largerThan();
    }

    /** By name: a pattern matches the absolute path, or its directory holds a tag file (the tag file itself stays). */
    boolean excluded(Path path) {
        String absolute = path.toString();
        if (patterns.matches(absolute) || insensitive.matches(absolute)) {
            return true;
        }
        Path dir = path.getParent();
        Path name = path.getFileName();
        if (dir == null || name == null) {
            return false;
        }
        for (TagFile tag : tagFiles) {
            if (!name.toString().equals(tag.name())
                    && taggedDirectories.computeIfAbsent(dir + "\0" + tag.name(), k -> tagged(dir, tag))) {
                return true;
            }
        }
        return false;
    }

    private static boolean tagged(Path dir, TagFile tag) {
        Path file = dir.resolve(tag.name());
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        if (tag.header().length == 0) {
            return true;
        }
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(tag.header().length), tag.header());
        } catch (IOException e) {
            return false;
        }
    }

    /** By size, after {@code lstat}: non-directories above the limit. */
    boolean excluded(FileStat stat) {
        return largerThan >= 0 && stat.type() != NodeType.DIR && stat.size() > largerThan;
    }
}
