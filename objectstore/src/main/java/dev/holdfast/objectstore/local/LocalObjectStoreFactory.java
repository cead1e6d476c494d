package dev.holdfast.objectstore.local;

import dev.holdfast.objectstore.InvalidLocationException;
import dev.holdfast.objectstore.ObjectStore;
import dev.holdfast.objectstore.ObjectStoreFactory;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** Opens {@code file:/absolute/path} (or {@code file:///absolute/path}) as a {@link LocalObjectStore}. */
public final class LocalObjectStoreFactory implements ObjectStoreFactory {

    public static final String SCHEME = "file";

    @Override
    public String scheme() {
        return SCHEME;
    }

    @Override
    public ObjectStore open(String location) {
        return LocalObjectStore.open(parse(location));
    }

    /** The root directory {@code location} names. */
    public static Path parse(String location) {
        if (!location.startsWith(SCHEME + ":")) {
            throw new InvalidLocationException("location '" + location + "' does not start with 'file:'");
        }
        String path = location.substring(SCHEME.length() + 1);
        if (path.startsWith("//")) {
            if (!path.startsWith("///")) {
                throw new InvalidLocationException("location '" + location + "' names host '"
                        + path.substring(2).split("/", 2)[0] + "': file locations are local, use file:/path");
            }
            path = path.substring(2);
        }
        if (path.isEmpty()) {
            throw new InvalidLocationException("location '" + location + "' has no path: expected file:/absolute/path");
        }
        if (!path.startsWith("/")) {
            throw new InvalidLocationException("location '" + location + "' has relative path '" + path
                    + "': expected an absolute path such as file:/srv/holdfast/objects");
        }
        try {
            Path parsed = Path.of(path);
            if (!parsed.normalize().equals(parsed)) {
                throw new InvalidLocationException("location '" + location + "' has path '" + path
                        + "' with '.' or '..' segments: write it out as " + parsed.normalize());
            }
            return parsed;
        } catch (InvalidPathException e) {
            throw new InvalidLocationException("location '" + location + "' has invalid path '" + path + "': "
                    + e.getReason());
        }
    }
}
