package dev.holdfast.backup.backend.local;

import dev.holdfast.backup.backend.Backend;
import dev.holdfast.backup.backend.BackendFactory;
import java.nio.file.Path;

/** Opens {@code local:/path} and plain paths. */
public final class LocalBackendFactory implements BackendFactory {

    private final int connections;

    public LocalBackendFactory(int connections) {
        this.connections = connections;
    }

    @Override
    public String scheme() {
        return "local";
    }

    @Override
    public Backend open(String location) {
        String path = location.startsWith("local:") ? location.substring("local:".length()) : location;
        return new LocalBackend(Path.of(path));
    }

    @Override
    public int connections() {
        return connections;
    }
}
