package dev.holdfast.backup;

/** The type of a tree node, with restic's JSON names. */
public enum NodeType {
    FILE("file"),
    DIR("dir"),
    SYMLINK("symlink"),
    DEV("dev"),
    CHARDEV("chardev"),
    FIFO("fifo"),
    SOCKET("socket");

    private final String json;

    NodeType(String json) {
        this.json = json;
    }

    public String json() {
        return json;
    }

    public static NodeType fromJson(String value) {
        for (NodeType type : values()) {
            if (type.json.equals(value)) {
                return type;
            }
        }
        throw new IntegrityException("invalid node type \"" + value + "\"");
    }
}
