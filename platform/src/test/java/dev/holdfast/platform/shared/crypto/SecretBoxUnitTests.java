package dev.holdfast.platform.shared.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.platform.shared.settings.InvalidSettingException;
import dev.holdfast.platform.shared.settings.PlatformSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxUnitTests {

    private static byte[] key(int fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) fill);
        return key;
    }

    @Test
    void sealsSoOnlyTheSameKeyAndPurposeOpen() {
        SecretBox box = new SecretBox(key(1));
        String sealed = box.seal("123456:bot-token", "monitor.channel:a:botToken");
        assertThat(sealed).startsWith(SecretBox.PREFIX).doesNotContain("bot-token");
        assertThat(box.seal("123456:bot-token", "monitor.channel:a:botToken")).as("a fresh nonce each time").isNotEqualTo(sealed);
        assertThat(box.open(sealed, "monitor.channel:a:botToken")).isEqualTo("123456:bot-token");
        assertThatThrownBy(() -> box.open(sealed, "monitor.channel:b:botToken")).as("copied to another channel")
                .isInstanceOf(SecretBox.SecretUnreadableException.class).hasMessageNotContaining("bot-token");
        assertThatThrownBy(() -> new SecretBox(key(2)).open(sealed, "monitor.channel:a:botToken"))
                .isInstanceOf(SecretBox.SecretUnreadableException.class);
        String tampered = sealed.substring(0, sealed.length() - 4) + (sealed.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertThatThrownBy(() -> box.open(tampered, "monitor.channel:a:botToken")).isInstanceOf(SecretBox.SecretUnreadableException.class);
        assertThat(box.open("plain from before", "x")).as("values written before encryption still read").isEqualTo("plain from before");
    }

    @Test
    void makesTheKeyFileOnceWithOwnerOnlyAccessOrTakesTheSetting(@TempDir Path dir) throws Exception {
        SecretBoxConfiguration configuration = new SecretBoxConfiguration();
        PlatformSettings platform = new PlatformSettings(dir, null);
        SecretBox first = configuration.secretBox(platform, "");
        Path file = dir.resolve(SecretBoxConfiguration.FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String sealed = first.seal("hook", "p");
        assertThat(configuration.secretBox(platform, null).open(sealed, "p")).as("the next start reads the same key").isEqualTo("hook");

        String configured = java.util.Base64.getEncoder().encodeToString(key(7));
        assertThat(configuration.secretBox(platform, configured).open(new SecretBox(key(7)).seal("x", "p"), "p")).isEqualTo("x");
        assertThatThrownBy(() -> configuration.secretBox(platform, "too-short")).isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("HOLDFAST_SECRET_KEY").hasMessageNotContaining("too-short");
    }
}
