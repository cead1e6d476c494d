package dev.holdfast.platform.identity.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * An offline list of breached passwords the administrator supplies, in one of two forms (told apart by the first
 * line):
 * <ul>
 * <li>the Have I Been Pwned download: {@code SHA1-HEX[:count]} lines sorted by hash (as published). The file stays
 *     on disk and each lookup is a binary search over byte offsets: about 30 positional reads of 128 bytes for a
 *     billion lines, no index and no memory beyond one page;</li>
 * <li>plain passwords, one per line, in any order: read once into memory (as SHA-1 digests), so meant for lists
 *     up to a few million lines. Convert a larger list to sorted SHA-1 lines to keep it on disk.</li>
 * </ul>
 * Thread-safe: lookups use positional reads on one shared channel.
 */
final class BreachedPasswords implements AutoCloseable {

    private static final Pattern SHA1_LINE = Pattern.compile("[0-9A-Fa-f]{40}(:\\d+)?\\s*");
    private static final int LINEAR_SCAN = 8192;

    /** The sorted SHA-1 file, or null for a plain list held in {@link #plain}. */
    private final @Nullable FileChannel sorted;
    private final long size;
    private final Set<String> plain;

    private BreachedPasswords(@Nullable FileChannel sorted, long size, Set<String> plain) {
        this.sorted = sorted;
        this.size = size;
        this.plain = plain;
    }

    static BreachedPasswords open(Path file) {
        try {
            String first;
            try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                first = reader.readLine();
            }
            if (first != null && SHA1_LINE.matcher(first).matches()) {
                FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
                return new BreachedPasswords(channel, channel.size(), Set.of());
            }
            Set<String> digests = new HashSet<>();
            try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
                lines.filter(line -> !line.isEmpty()).forEach(line -> digests.add(sha1(line)));
            }
            return new BreachedPasswords(null, 0, digests);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the breached-password list " + file, e);
        }
    }

    /** Whether the password is on the list. */
    boolean contains(String password) {
        String digest = sha1(password);
        return sorted == null ? plain.contains(digest) : search(sorted, digest.getBytes(StandardCharsets.US_ASCII));
    }

    private boolean search(FileChannel file, byte[] target) {
        try {
            long lo = 0;
            long hi = size;
            while (hi - lo > LINEAR_SCAN) {
                long start = lineStartAtOrAfter(file, (lo + hi) >>> 1);
                if (start >= hi) {
                    break;
                }
                int order = compare(read(file, start, 40), 0, target);
                if (order == 0) {
                    return true;
                }
                if (order < 0) {
                    lo = start;
                } else {
                    hi = start;
                }
            }
            byte[] chunk = read(file, lo, (int) (hi - lo));
            for (int i = 0; i + 40 <= chunk.length; ) {
                if (compare(chunk, i, target) == 0) {
                    return true;
                }
                while (i < chunk.length && chunk[i] != '\n') {
                    i++;
                }
                i++;
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the breached-password list", e);
        }
    }

    private long lineStartAtOrAfter(FileChannel file, long position) throws IOException {
        long at = position - 1;
        while (at < size) {
            byte[] buffer = read(file, at, 128);
            for (int i = 0; i < buffer.length; i++) {
                if (buffer[i] == '\n') {
                    return at + i + 1;
                }
            }
            at += buffer.length;
            if (buffer.length == 0) {
                break;
            }
        }
        return size;
    }

    private byte[] read(FileChannel file, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(length, Math.max(0, size - position)));
        while (buffer.hasRemaining()) {
            if (file.read(buffer, position + buffer.position()) < 0) {
                break;
            }
        }
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    /** Compares 40 hex digits at {@code offset} with the upper-case target, ignoring the case of the line. */
    private static int compare(byte[] line, int offset, byte[] target) {
        for (int i = 0; i < 40; i++) {
            int b = offset + i < line.length ? Character.toUpperCase(line[offset + i]) : -1;
            if (b != target[i]) {
                return Integer.compare(b, target[i]);
            }
        }
        return 0;
    }

    static String sha1(String password) {
        try {
            return HexFormat.of().withUpperCase()
                    .formatHex(MessageDigest.getInstance("SHA-1").digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        if (sorted != null) {
            sorted.close();
        }
    }
}
