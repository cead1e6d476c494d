package dev.holdfast.backup;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Go's {@code strconv.Quote} and {@code Unquote} without the surrounding quotes: restic stores node names quoted this
 * way (and then JSON-encodes them), so {@code a\b} is stored as {@code a\\b}.
 */
public final class GoStrings {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private GoStrings() {}

    /** Go's {@code strconv.Quote(s)} without the leading and trailing double quote. */
    public static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            appendRune(out, cp);
        }
        return out.toString();
    }

    private static void appendRune(StringBuilder out, int cp) {
        if (cp == '"' || cp == '\\') {
            out.append('\\').appendCodePoint(cp);
        } else if (isPrint(cp)) {
            out.appendCodePoint(cp);
        } else {
            switch (cp) {
                case 7 -> out.append("\\a");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case 11 -> out.append("\\v");
                default -> appendEscape(out, cp);
            }
        }
    }

    private static void appendEscape(StringBuilder out, int cp) {
        if (cp < ' ' || cp == 0x7f) {
            out.append("\\x").append(HEX[cp >> 4]).append(HEX[cp & 0xf]);
        } else if (Character.isSurrogate((char) cp)) {
            out.append("\\ufffd"); // a lone surrogate is invalid UTF-8; Go would see U+FFFD bytes
        } else if (cp < 0x10000) {
            out.append("\\u").append(hex(cp, 4));
        } else {
            out.append("\\U").append(hex(cp, 8));
        }
    }

    private static String hex(int value, int digits) {
        StringBuilder sb = new StringBuilder(Integer.toHexString(value));
        while (sb.length() < digits) {
            sb.insert(0, '0');
        }
        return sb.toString();
    }

    /** Go's {@code unicode.IsPrint}: letters, marks, numbers, punctuation, symbols and the ASCII space. */
    static boolean isPrint(int cp) {
        if (cp == ' ') {
            return true;
        }
        return switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.NON_SPACING_MARK,
                    Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK, Character.DECIMAL_DIGIT_NUMBER,
                    Character.LETTER_NUMBER, Character.OTHER_NUMBER, Character.CONNECTOR_PUNCTUATION,
                    Character.DASH_PUNCTUATION, Character.START_PUNCTUATION, Character.END_PUNCTUATION,
                    Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
                    Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> true;
            default -> false;
        };
    }

    /** Go's {@code strconv.Unquote("\"" + s + "\"")}; raw bytes from {@code \x} and octal escapes are decoded as UTF-8. */
    public static String unquote(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        int i = 0;
        while (i < s.length()) {
            char ch = s.charAt(i);
            if (ch != '\\') {
                int cp = s.codePointAt(i);
                i += Character.charCount(cp);
                bytes.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            if (i + 1 >= s.length()) {
                throw new IntegrityException("bad Go-quoted string: " + s);
            }
            char esc = s.charAt(i + 1);
            i += 2;
            switch (esc) {
                case 'a' -> bytes.write(7);
                case 'b' -> bytes.write('\b');
                case 'f' -> bytes.write('\f');
                case 'n' -> bytes.write('\n');
                case 'r' -> bytes.write('\r');
                case 't' -> bytes.write('\t');
                case 'v' -> bytes.write(11);
                case '\\', '"', '\'' -> bytes.write(esc);
                case 'x' -> {
                    bytes.write(Integer.parseInt(s.substring(i, i + 2), 16));
                    i += 2;
                }
                case 'u', 'U' -> {
                    int digits = esc == 'u' ? 4 : 8;
                    int cp = Integer.parseInt(s.substring(i, i + digits), 16);
                    i += digits;
                    bytes.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                }
                default -> {
                    if (esc < '0' || esc > '7') {
                        throw new IntegrityException("bad escape \\" + esc + " in Go-quoted string: " + s);
                    }
                    bytes.write(Integer.parseInt(s.substring(i - 1, i + 2), 8));
                    i += 2;
                }
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
