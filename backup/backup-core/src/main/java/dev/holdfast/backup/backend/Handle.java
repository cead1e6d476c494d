package dev.holdfast.backup.backend;

/** Names one file of a backend: its type and name (64 hex digits; empty for the config). */
public record Handle(FileType type, String name) {

    public static Handle config() {
        return new Handle(FileType.CONFIG, "");
    }

    @Override
    public String toString() {
        return type == FileType.CONFIG ? "config" : type.folder() + "/" + name;
    }
}
