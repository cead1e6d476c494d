package dev.holdfast.platform.shared.live;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a live event is about: a family (which module decides who may see it) and a path within it, written
 * {@code family/segment/segment}, e.g. {@code record/Account/42}, {@code monitor/7}, {@code notifications/<userId>}.
 *
 * @param family lower-case letters, digits and {@code -}, e.g. {@code record}
 * @param path up to 8 segments of letters, digits and {@code . _ : @ -}
 */
public record Topic(String family, List<String> path) {

    /** The longest topic name, in characters. */
    public static final int MAX_LENGTH = 200;

    private static final Pattern FAMILY = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._:@-]{1,100}");

    public Topic {
        path = List.copyOf(path);
        if (!FAMILY.matcher(family).matches()) {
            throw new InvalidTopicException(family, "the family must be lower-case letters, digits and -, starting with a letter");
        }
        if (path.size() > 8 || path.stream().anyMatch(segment -> !SEGMENT.matcher(segment).matches())) {
            throw new InvalidTopicException(family + "/" + String.join("/", path),
                    "at most 8 segments of letters, digits and . _ : @ -");
        }
        if (family.length() + path.stream().mapToInt(segment -> segment.length() + 1).sum() > MAX_LENGTH) {
            throw new InvalidTopicException(family + "/…", "longer than " + MAX_LENGTH + " characters");
        }
    }

    /** A topic from its family and path segments ({@link Object#toString()} of each), e.g. {@code of("record", "Account", id)}. */
    public static Topic of(String family, Object... path) {
        return new Topic(family, Arrays.stream(path).map(String::valueOf).toList());
    }

    /** Reads a topic name such as {@code record/Account/42}; an {@link InvalidTopicException} if it is not one. */
    public static Topic parse(String name) {
        if (name.length() > MAX_LENGTH) {
            throw new InvalidTopicException(name.substring(0, 40) + "…", "longer than " + MAX_LENGTH + " characters");
        }
        String[] parts = name.split("/", -1);
        return new Topic(parts[0], Arrays.asList(parts).subList(1, parts.length));
    }

    /** The segment at {@code index} of the path (0 is the first after the family). */
    public String segment(int index) {
        return path.get(index);
    }

    /** The topic as written on the wire, e.g. {@code record/Account/42}. */
    public String name() {
        return path.isEmpty() ? family : family + "/" + String.join("/", path);
    }

    @Override
    public String toString() {
        return name();
    }
}
