package dev.holdfast.platform.shared;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.objectstore.Content;
import dev.holdfast.objectstore.ObjectStore;
import dev.holdfast.platform.testing.DatabaseTest;
import dev.holdfast.platform.testing.TestDatabase;
import dev.holdfast.platform.testing.TestNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

class ObjectsIntegrationTests {

    @DatabaseTest
    void objectsLiveUnderTheDataDirectoryByDefaultAndSurviveARestart(TestDatabase db) throws Exception {
        TestNode node = db.startNode();
        node.bean(ObjectStore.class).put("attachments/hello.txt", Content.of("hello".getBytes(StandardCharsets.UTF_8)));
        node.close();

        assertThat(Files.readString(db.directory().resolve("node-0/objects/attachments/hello.txt"))).isEqualTo("hello");
        TestNode again = db.startNode(java.util.Map.of("holdfast.data-dir", db.directory().resolve("node-0").toString()));
        try (var in = again.bean(ObjectStore.class).get("attachments/hello.txt")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello");
        }
    }
}
