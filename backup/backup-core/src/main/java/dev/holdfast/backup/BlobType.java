package dev.holdfast.backup;

/** The two kinds of blob in a pack: file content and serialised trees. */
public enum BlobType {
    DATA("data"),
    TREE("tree");

    private final String json;

    BlobType(String json) {
        this.json = json;
    }

    /** The name used in index files ("data" or "tree"). */
    public String json() {
        return json;
    }

    public static BlobType fromJson(String value) {
        return switch (value) {
            case "data" -> DATA;
            case "tree" -> TREE;
            default -> throw new IntegrityException("unknown blob type " + value);
        };
    }
}
