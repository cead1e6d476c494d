package dev.holdfast.backup;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A compact JSON writer that escapes strings exactly as Go 1.19's {@code encoding/json} does ({@code <>&} as
 * backslash-u escapes, controls likewise except {@code \n \r \t}), so trees can be byte-identical to restic's.
 * Fields are written in call order. Not thread-safe.
 */
public final class GoJsonWriter {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final StringBuilder out = new StringBuilder(256);
    private final Deque<boolean[]> first = new ArrayDeque<>();
    private boolean afterName;

    public GoJsonWriter beginObject() {
        separate();
        out.append('{');
        first.push(new boolean[] {true});
        return this;
    }

    public GoJsonWriter endObject() {
        first.pop();
        out.append('}');
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
        return this;
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

    public byte[] toBytes() {
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
