package dev.holdfast.objectstore;

/**
 * Which bytes of an object a get returns: from {@code offset} (inclusive, in bytes), at most {@code length} bytes, or
 * to the end when {@code length} is {@link #TO_END}. A range that reaches past the end is cut at the end; one that
 * starts at or after the end yields no bytes.
 */
public record ByteRange(long offset, long length) {

    /** Length meaning "to the end of the object". */
    public static final long TO_END = -1;

    /** The whole object. */
    public static final ByteRange ALL = new ByteRange(0, TO_END);

    public ByteRange {
        if (offset < 0) {
            throw new IllegalArgumentException("range offset must be >= 0, was " + offset);
        }
        if (length < 0 && length != TO_END) {
            throw new IllegalArgumentException("range length must be >= 0 or TO_END, was " + length);
        }
    }

    /** {@code length} bytes from {@code offset}. */
    public static ByteRange of(long offset, long length) {
        return new ByteRange(offset, length);
    }

    /** Everything from {@code offset} to the end. */
    public static ByteRange from(long offset) {
        return new ByteRange(offset, TO_END);
    }

    public boolean isAll() {
        return offset == 0 && length == TO_END;
    }

    public boolean toEnd() {
        return length == TO_END;
    }

    /** The last byte's offset (inclusive), as HTTP Range wants it; only for ranges with a length above zero. */
    public long lastInclusive() {
        return offset + length - 1;
    }

    /** The number of bytes this range selects from an object of {@code size} bytes. */
    public long lengthWithin(long size) {
        long available = Math.max(0, size - offset);
        return toEnd() ? available : Math.min(available, length);
    }
}
