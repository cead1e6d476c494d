package dev.holdfast.platform.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BreachedPasswordsUnitTests {

    @TempDir
    Path dir;

    @Test
    void findsEveryListedPasswordInASortedHibpFileAndNoOther() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            lines.add(BreachedPasswords.sha1("breached " + i) + ":" + (i % 977 + 1));
        }
        lines.sort(null);
        Path file = dir.resolve("pwned-passwords-sha1-ordered-by-hash.txt");
        Files.writeString(file, String.join("\r\n", lines) + "\r\n", StandardCharsets.US_ASCII);

        try (BreachedPasswords list = BreachedPasswords.open(file)) {
            for (int i = 0; i < 50_000; i += 499) {
                assertThat(list.contains("breached " + i)).as("breached %d", i).isTrue();
            }
            String first = lines.getFirst().substring(0, 40);
            String last = lines.getLast().substring(0, 40);
            for (int i = 0; i < 50_000; i++) {
                String hash = BreachedPasswords.sha1("breached " + i);
                if (hash.equals(first) || hash.equals(last)) {
                    assertThat(list.contains("breached " + i)).as("first or last line").isTrue();
                }
            }
            for (int i = 0; i < 500; i++) {
                assertThat(list.contains("safe " + i)).isFalse();
            }
        }
    }

    @Test
    void readsLowerCaseHashesWithoutCounts() throws IOException {
        Path file = Files.write(dir.resolve("list.txt"), List.of(BreachedPasswords.sha1("hunter2").toLowerCase()));
        try (BreachedPasswords list = BreachedPasswords.open(file)) {
            assertThat(list.contains("hunter2")).isTrue();
            assertThat(list.contains("hunter3")).isFalse();
        }
    }
}
