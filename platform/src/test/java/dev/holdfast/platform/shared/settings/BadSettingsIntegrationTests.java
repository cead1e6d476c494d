package dev.holdfast.platform.shared.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.platform.Holdfast;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Starts Holdfast as its own process with one bad environment variable, as an operator would. */
class BadSettingsIntegrationTests {

    @TempDir
    Path data;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "HOLDFAST_DATABASE_URL | jdbc:postgres://db/holdfast?password=s3cret | HOLDFAST_DATABASE_URL=jdbc:postgres://db/holdfast?password=*** is not valid: expected jdbc:sqlite:<file> or jdbc:postgresql://<host>:<port>/<database>",
        "HOLDFAST_LOG_FORMAT   | xml                     | HOLDFAST_LOG_FORMAT=xml is not valid: expected text or json",
        "HOLDFAST_BASE_URL     | ftp://example.org       | HOLDFAST_BASE_URL=ftp://example.org is not valid: expected an absolute http:// or https:// address",
        "HOLDFAST_DATABASE_POOL_SIZE | many              | HOLDFAST_DATABASE_POOL_SIZE",
        "HOLDFAST_OBJECTS_LOCATION | ftp://files/objects | HOLDFAST_OBJECTS_LOCATION=ftp://files/objects is not valid: expected file:<directory>, s3:",
    })
    void badSettingStopsStartUpWithOneLineNamingIt(String name, String value, String expected)
            throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                Holdfast.class.getName())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put(name, value);
        builder.environment().put("HOLDFAST_DATA_DIR", data.toString());
        builder.environment().put("HOLDFAST_PORT", "0");
        Process process = builder.start();
        boolean exited = process.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        List<String> stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .filter(line -> !line.startsWith("WARNING:") && !line.isBlank()).toList();

        assertThat(exited).as("Holdfast stopped by itself").isTrue();
        assertThat(process.exitValue()).isNotZero();
        assertThat(stderr).singleElement().asString().startsWith("Holdfast cannot start: ").contains(expected)
                .doesNotContain("s3cret");
    }
}
