package dev.holdfast.backup.repository.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.bouncycastle.crypto.generators.SCrypt;
import org.junit.jupiter.api.Test;

/** Lanes side by side give RFC 7914's vectors and BouncyCastle's sequential results, whatever the thread count. */
class ScryptUnitTests {

    @Test
    void givesTheRfc7914Vectors() {
        assertThat(HexFormat.of().formatHex(Scrypt.derive(new byte[0], new byte[0], 16, 1, 1, 64, 2)))
                .isEqualTo("77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442"
                        + "fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906");
        byte[] password = "password".getBytes(StandardCharsets.US_ASCII);
        byte[] salt = "NaCl".getBytes(StandardCharsets.US_ASCII);
        for (int threads : new int[] {1, 2, 5}) {
            assertThat(HexFormat.of().formatHex(Scrypt.derive(password, salt, 1024, 8, 16, 64, threads)))
                    .isEqualTo("fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162"
                            + "2eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640");
        }
    }

    @Test
    void agreesWithBouncyCastleForOtherCostsAndLengths() {
        Random random = new Random(11);
        int[][] costs = {{2, 1, 1}, {64, 1, 3}, {256, 2, 4}, {1024, 3, 7}, {32768, 8, 2}};
        for (int[] cost : costs) {
            byte[] password = new byte[random.nextInt(40)];
            byte[] salt = new byte[64];
            random.nextBytes(password);
            random.nextBytes(salt);
            int length = 1 + random.nextInt(100);
            byte[] expected = SCrypt.generate(password, salt, cost[0], cost[1], cost[2], length);
            assertThat(Scrypt.derive(password, salt, cost[0], cost[1], cost[2], length, 1)).isEqualTo(expected);
            assertThat(Scrypt.derive(password, salt, cost[0], cost[1], cost[2], length, 3)).isEqualTo(expected);
        }
    }

    /** Run in a JVM that has memory outside the heap for one 32 MiB table only. */
    public static final class OneTableOnly {
        public static void main(String[] args) {
            System.out.print(HexFormat.of().formatHex(Scrypt.derive(new byte[] {1, 2}, new byte[64], 32768, 8, 4, 64,
                    2)));
        }
    }

    @Test
    void leavesTheLanesToTheCallingThreadWhenAHelperFindsNoMemoryForItsTable() throws Exception {
        Process process = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-XX:MaxDirectMemorySize=40m", "-cp", System.getProperty("java.class.path"),
                OneTableOnly.class.getName()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);

        assertThat(process.waitFor()).isZero();
        assertThat(output).isEqualTo(
                HexFormat.of().formatHex(SCrypt.generate(new byte[] {1, 2}, new byte[64], 32768, 8, 4, 64)));
    }

    @Test
    void refusesCostsWhoseTableCannotBeAnArray() {
        assertThatThrownBy(() -> Scrypt.derive(new byte[1], new byte[1], 1 << 24, 8, 1, 64, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("N=16777216 r=8");
    }
}
