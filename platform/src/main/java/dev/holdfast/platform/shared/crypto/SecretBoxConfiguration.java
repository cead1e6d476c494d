package dev.holdfast.platform.shared.crypto;

import dev.holdfast.platform.shared.settings.InvalidSettingException;
import dev.holdfast.platform.shared.settings.PlatformSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The installation's {@link SecretBox}: the key is {@code HOLDFAST_SECRET_KEY} (32 bytes in base64) when set, else
 * {@code secret.key} in the data directory, created on first start with 32 random bytes and mode 0600. Several
 * nodes on one PostgreSQL database must share the key: set {@code HOLDFAST_SECRET_KEY} on each.
 */
@Configuration(proxyBeanMethods = false)
class SecretBoxConfiguration {

    static final String FILE = "secret.key";

    @Bean
    SecretBox secretBox(PlatformSettings platform, @Value("${holdfast.secret-key:}") @Nullable String configured) {
        if (configured != null && !configured.isBlank()) {
            return new SecretBox(decode(configured.strip(), "HOLDFAST_SECRET_KEY"));
        }
        return new SecretBox(fromFile(platform.dataDir().resolve(FILE)));
    }

    private static byte[] fromFile(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } catch (UnsupportedOperationException e) {
                    Files.createFile(file);
                } catch (FileAlreadyExistsException e) {
                    return decode(Files.readString(file, StandardCharsets.US_ASCII).strip(), file.toString());
                }
                Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
                return key;
            }
            return decode(Files.readString(file, StandardCharsets.US_ASCII).strip(), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the secret key " + file, e);
        }
    }

    private static byte[] decode(String text, String where) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            key = new byte[0];
        }
        if (key.length != 32) {
            throw new InvalidSettingException(where.equals("HOLDFAST_SECRET_KEY") ? where : "HOLDFAST_SECRET_KEY", "(hidden)",
                    "32 random bytes in base64, e.g. the output of: openssl rand -base64 32" + (where.equals("HOLDFAST_SECRET_KEY") ? "" : " (in " + where + ")"));
        }
        return key;
    }
}
