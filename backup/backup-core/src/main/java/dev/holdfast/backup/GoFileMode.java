package dev.holdfast.backup;

/** Go's {@code os.FileMode} bits, which restic stores in a node's {@code mode} (not a Unix {@code st_mode}). */
public final class GoFileMode {

    public static final int DIR = 1 << 31;
    public static final int SYMLINK = 1 << 27;
    public static final int DEVICE = 1 << 26;
    public static final int NAMED_PIPE = 1 << 25;
    public static final int SOCKET = 1 << 24;
    public static final int SETUID = 1 << 23;
    public static final int SETGID = 1 << 22;
    public static final int CHAR_DEVICE = 1 << 21;
    public static final int STICKY = 1 << 20;

    private GoFileMode() {}

    /** The Go mode restic keeps (permissions, type, setuid/setgid/sticky) for a Unix {@code st_mode}. */
    public static int fromUnix(int stMode) {
        int mode = stMode & 0777;
        mode |= switch (stMode & 0170000) {
            case 0040000 -> DIR;
            case 0120000 -> SYMLINK;
            case 0060000 -> DEVICE;
            case 0020000 -> DEVICE | CHAR_DEVICE;
            case 0010000 -> NAMED_PIPE;
            case 0140000 -> SOCKET;
            default -> 0;
        };
        if ((stMode & 04000) != 0) {
            mode |= SETUID;
        }
        if ((stMode & 02000) != 0) {
            mode |= SETGID;
        }
        if ((stMode & 01000) != 0) {
            mode |= STICKY;
        }
        return mode;
    }

    /** The Unix permission bits (0o7777) for a Go mode, as {@code chmod} takes them. */
    public static int toUnixPermissions(int goMode) {
        int mode = goMode & 0777;
        if ((goMode & SETUID) != 0) {
            mode |= 04000;
        }
        if ((goMode & SETGID) != 0) {
            mode |= 02000;
        }
        if ((goMode & STICKY) != 0) {
            mode |= 01000;
        }
        return mode;
    }

    /** The node type for a Unix {@code st_mode}. */
    public static NodeType typeOf(int stMode) {
        return switch (stMode & 0170000) {
            case 0040000 -> NodeType.DIR;
            case 0120000 -> NodeType.SYMLINK;
            case 0060000 -> NodeType.DEV;
            case 0020000 -> NodeType.CHARDEV;
            case 0010000 -> NodeType.FIFO;
            case 0140000 -> NodeType.SOCKET;
            default -> NodeType.FILE;
        };
    }
}
