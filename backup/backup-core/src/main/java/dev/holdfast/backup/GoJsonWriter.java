package dev.holdfast.backup;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import org.jspecify.annotations.Nullable;

/**
 * A compact JSON writer that escapes strings exactly as Go 1.19's {@code encoding/json} does ({@code <>&} as
 * backslash-u escapes, controls likewise except {@code \n \r \t}), so trees can be byte-identical to restic's.
 * Fields are written in call order. Not thread-safe.
 *
 * <p>Kept in memory ({@link #toBytes()}), or passed on to a stream in pieces as it is written
 * ({@link #GoJsonWriter(OutputStream)}), so that a large document (an index file of 150,000 blobs is 22 MB of JSON)
 * is never held whole.
 */
public final class GoJsonWriter {

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    /** A streaming writer passes its text on once this much has gathered, at the end of an object or array. */
    private static final int PIECE = 64 * 1024;

    private final StringBuilder out = new StringBuilder(256);
    private final @Nullable OutputStream sink;
    private final Deque<boolean[]> first = new ArrayDeque<>();
    private boolean afterName;

    /** A writer that keeps its JSON in memory, for {@link #toBytes()}. */
    public GoJsonWriter() {
        this.sink = null;
    }

    /**
     * A writer that passes its JSON on to {@code sink} (UTF-8) in pieces of about 64 KiB as it is written, and the
     * rest on {@link #flush()}; a failed write throws {@link UncheckedIOException}.
     */
    public GoJsonWriter(OutputStream sink) {
        this.sink = sink;
    }

    public GoJsonWriter beginObject() {
        separate();
        out.append('{');
        first.push(new boolean[] {true});
        return this;
    }

    public GoJsonWriter endObject() {
        first.pop();
        out.append('}');
        if (out.length() >= PIECE) {
            flush();
        }
        return this;
    }

    public GoJsonWriter beginArray() {
        separate();
        out.append('[');
        first.push(new boolean[] {true});
        return this;
    }

    public GoJsonWriter endArray() {
        first.pop();
        out.append(']');
        if (out.length() >= PIECE) {
            flush();
        }
        return this;
    }

    /** Passes everything written so far on to the stream this writer was made with (nothing without one). */
    public void flush() {
        if (sink == null) {
            return;
        }
        try {
            sink.write(out.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.setLength(0);
    }

    public GoJsonWriter name(String name) {
        separate();
        string(name);
        out.append(':');
        afterName = true;
        return this;
    }

    public GoJsonWriter value(String value) {
        separate();
        string(value);
        return this;
    }

    public GoJsonWriter value(long value) {
        separate();
        out.append(value);
        return this;
    }

    public GoJsonWriter unsignedValue(long value) {
        separate();
        out.append(Long.toUnsignedString(value));
        return this;
    }

    public GoJsonWriter value(boolean value) {
        separate();
        out.append(value);
        return this;
    }

    public GoJsonWriter nullValue() {
        separate();
        out.append("null");
        return this;
    }

    /** Writes {@code "name":value} for strings. */
    public GoJsonWriter field(String name, String value) {
        return name(name).value(value);
    }

    public GoJsonWriter field(String name, long value) {
        return name(name).value(value);
    }

    private void separate() {
        if (afterName) {
            afterName = false;
            return;
        }
        boolean[] top = first.peek();
        if (top != null) {
            if (!top[0]) {
                out.append(',');
            }
            top[0] = false;
        }
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '<', '>', '&', '\u2028', '\u2029' -> unicodeEscape(c);
                default -> {
                    if (c < 0x20) {
                        unicodeEscape(c);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private void unicodeEscape(char c) {
        out.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xf]).append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
    }

    /** The JSON written, for a writer that keeps it in memory. */
    public byte[] toBytes() {
        if (sink != null) {
            throw new IllegalStateException("this writer passes its JSON on to a stream");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
