package dev.holdfast.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GoJsonWriterUnitTests {

    private static GoJsonWriter document(GoJsonWriter json) {
        json.beginObject().name("nodes").beginArray();
        for (int i = 0; i < 5_000; i++) { // far more than one 64 KiB piece
            json.beginObject().field("name", "fichier-été-" + i + "-<&>\u2028\n").field("size", i).endObject();
        }
        return json.endArray().endObject();
    }

    @Test
    void streamsInPiecesExactlyTheBytesItWouldHoldInMemory() {
        ByteArrayOutputStream streamed = new ByteArrayOutputStream();

        document(new GoJsonWriter(streamed)).flush();
        byte[] held = document(new GoJsonWriter()).toBytes();

        assertThat(held.length).isGreaterThan(3 * 64 * 1024);
        assertThat(streamed.toByteArray()).isEqualTo(held);
        assertThat(new String(held, StandardCharsets.UTF_8)).contains("\"fichier-été-7-\\u003c\\u0026\\u003e\\u2028\\n\"");
    }
}
