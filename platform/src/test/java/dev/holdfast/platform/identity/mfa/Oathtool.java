package dev.holdfast.platform.identity.mfa;

import dev.holdfast.testkit.Peers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** TOTP codes made by the real {@code oathtool} (Debian package {@code oathtool}), as an authenticator app would. */
final class Oathtool {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private Oathtool() {}

    /** The code for the base32 secret at the given time. */
    static String totp(String secret, Instant at) {
        Path oathtool = Peers.executable("oathtool", "apt-get install oathtool");
        try {
            Process process = new ProcessBuilder(oathtool.toString(), "--totp", "-b", secret, "-N", TIME.format(at))
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (process.waitFor() != 0) {
                throw new AssertionError("oathtool failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
