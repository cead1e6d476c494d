package dev.holdfast.backup;

import java.time.OffsetDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A snapshot: the root tree of one backup and what it was taken of. {@code id} is the storage ID (null before the
 * snapshot is saved) and is not part of the JSON.
 */
public record Snapshot(
        @Nullable Id id,
        OffsetDateTime time,
        @Nullable Id parent,
        Id tree,
        List<String> paths,
        String hostname,
        String username,
        long uid,
        long gid,
        List<String> excludes,
        List<String> tags,
        @Nullable Id original) {

    public Snapshot {
        paths = List.copyOf(paths);
        excludes = List.copyOf(excludes);
        tags = List.copyOf(tags);
    }

    public Snapshot withId(Id newId) {
        return new Snapshot(newId, time, parent, tree, paths, hostname, username, uid, gid, excludes, tags, original);
    }

    /**
     * The same snapshot, unsaved, with other tags; it remembers the ID it had first ({@code original}), as restic's
     * {@code tag} records it.
     */
    public Snapshot retagged(List<String> newTags) {
        return new Snapshot(null, time, parent, tree, paths, hostname, username, uid, gid, excludes, newTags,
                original != null ? original : requireId());
    }

    /** The ID, which a loaded or saved snapshot always has. */
    public Id requireId() {
        if (id == null) {
            throw new IllegalStateException("snapshot has not been saved");
        }
        return id;
    }
}
