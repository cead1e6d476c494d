package dev.holdfast.platform.testing;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Copies what the application prints on standard output while a node starts, to read the setup link from it. */
public final class ConsoleTap {

    private static final Pattern LINK = Pattern.compile("(https?://\\S+/setup\\?token=[A-Za-z0-9_-]+)");

    private final PrintStream original;
    private final ByteArrayOutputStream copy = new ByteArrayOutputStream();

    private ConsoleTap(PrintStream original) {
        this.original = original;
    }

    public static ConsoleTap start() {
        ConsoleTap tap = new ConsoleTap(System.out);
        System.setOut(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                tap.original.write(b);
                synchronized (tap.copy) {
                    tap.copy.write(b);
                }
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                tap.original.write(bytes, offset, length);
                synchronized (tap.copy) {
                    tap.copy.write(bytes, offset, length);
                }
            }
        }, true, StandardCharsets.UTF_8));
        return tap;
    }

    public void stop() {
        System.out.flush();
        System.setOut(original);
    }

    /** Everything printed since the tap started. */
    public String text() {
        synchronized (copy) {
            return copy.toString(StandardCharsets.UTF_8);
        }
    }

    /** The last setup link printed, or null. */
    String setupLink() {
        Matcher matcher = LINK.matcher(text());
        String last = null;
        while (matcher.find()) {
            last = matcher.group(1);
        }
        return last;
    }
}
