package dev.holdfast.backup.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.holdfast.backup.Id;
import dev.holdfast.backup.chunker.Chunker;
import dev.holdfast.backup.chunker.Polynomial;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChunkerInteropIntegrationTests {

    @TempDir
    Path temp;

    @Test
    void chunksAFileIntoTheBlobsResticMakesOfIt() throws Exception {
        Restic restic = new Restic(temp.resolve("repo"));
        restic.run("init").assertSuccess();
        byte[] data = new byte[24 * 1024 * 1024 + 12345]; // above 3 x the 8 MiB maximum chunk: at least 3 chunks whatever the polynomial
        new Random(42).nextBytes(data);
        restic.run(data, "backup", "--stdin", "--stdin-filename", "file.bin").assertSuccess();

        Polynomial polynomial = Polynomial.parse(restic.run("cat", "config").assertSuccess().json()
                .get("chunker_polynomial").asText());
        String snapshot = restic.run("snapshots", "--json").assertSuccess().json().get(0).get("id").asText();
        String tree = restic.run("cat", "snapshot", snapshot).assertSuccess().json().get("tree").asText();
        JsonNode node = restic.run("cat", "blob", tree).assertSuccess().json().get("nodes").get(0);
        List<String> resticBlobs = new ArrayList<>();
        node.get("content").forEach(id -> resticBlobs.add(id.asText()));

        assertThat(ours(polynomial, data)).hasSizeGreaterThan(2).isEqualTo(resticBlobs);
    }

    private static List<String> ours(Polynomial polynomial, byte[] data) throws Exception {
        Chunker chunker = new Chunker(polynomial);
        chunker.reset(new ByteArrayInputStream(data));
        List<String> ids = new ArrayList<>();
        for (byte[] chunk = chunker.next(); chunk != null; chunk = chunker.next()) {
            ids.add(Id.hash(chunk).hex());
        }
        return ids;
    }
}
