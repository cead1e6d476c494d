package dev.holdfast.objectstore.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.objectstore.InvalidLocationException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LocalObjectStoreFactoryUnitTests {

    @Test
    void parsesAbsolutePaths() {
        assertThat(LocalObjectStoreFactory.parse("file:/srv/holdfast/objects")).isEqualTo(Path.of("/srv/holdfast/objects"));
        assertThat(LocalObjectStoreFactory.parse("file:///srv/objects")).isEqualTo(Path.of("/srv/objects"));
    }

    @Test
    void namesTheBadPart() {
        assertThatThrownBy(() -> LocalObjectStoreFactory.parse("file:srv/objects"))
                .isInstanceOf(InvalidLocationException.class).hasMessageContaining("relative path 'srv/objects'");
        assertThatThrownBy(() -> LocalObjectStoreFactory.parse("file://server/share"))
                .isInstanceOf(InvalidLocationException.class).hasMessageContaining("host 'server'");
        assertThatThrownBy(() -> LocalObjectStoreFactory.parse("file:"))
                .isInstanceOf(InvalidLocationException.class).hasMessageContaining("no path");
        assertThatThrownBy(() -> LocalObjectStoreFactory.parse("file:/srv/../etc"))
                .isInstanceOf(InvalidLocationException.class).hasMessageContaining("'.' or '..' segments");
    }
}
