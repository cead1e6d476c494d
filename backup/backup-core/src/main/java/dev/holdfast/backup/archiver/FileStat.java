package dev.holdfast.backup.archiver;

import dev.holdfast.backup.GoFileMode;
import dev.holdfast.backup.NodeType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Map;

/** What {@code lstat} says about a path, in the units restic records. */
record FileStat(int stMode, long inode, long device, long rdev, long links, long uid, long gid, long size,
        OffsetDateTime mtime, OffsetDateTime atime, OffsetDateTime ctime) {

    private static final String ATTRIBUTES =
            "unix:mode,ino,dev,rdev,nlink,uid,gid,size,ctime,lastModifiedTime,lastAccessTime";

    static FileStat of(Path path) throws IOException {
        Map<String, Object> a = Files.readAttributes(path, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        return new FileStat((Integer) a.get("mode"), (Long) a.get("ino"), (Long) a.get("dev"), (Long) a.get("rdev"),
                ((Number) a.get("nlink")).longValue(), ((Number) a.get("uid")).longValue(),
                ((Number) a.get("gid")).longValue(), (Long) a.get("size"), time(a.get("lastModifiedTime")),
                time(a.get("lastAccessTime")), time(a.get("ctime")));
    }

    private static OffsetDateTime time(Object fileTime) {
        return OffsetDateTime.ofInstant(((FileTime) fileTime).toInstant(), ZoneId.systemDefault());
    }

    NodeType type() {
        return GoFileMode.typeOf(stMode);
    }

    int goMode() {
        return GoFileMode.fromUnix(stMode);
    }
}
