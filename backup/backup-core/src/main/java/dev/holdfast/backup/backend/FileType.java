package dev.holdfast.backup.backend;

/** The kinds of file in a repository, with their folder names in restic's default layout. */
public enum FileType {
    CONFIG("config"),
    KEY("keys"),
    DATA("data"),
    INDEX("index"),
    SNAPSHOT("snapshots"),
    LOCK("locks");

    private final String folder;

    FileType(String folder) {
        this.folder = folder;
    }

    /** The folder (or, for {@link #CONFIG}, the file name) in the default layout. */
    public String folder() {
        return folder;
    }
}
