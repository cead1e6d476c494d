package dev.holdfast.platform.monitor.check;

import tools.jackson.core.JsonPointer;

/**
 * A simple JSON path ({@code $.data.items[0].status}) or a JSON Pointer ({@code /data/items/0/status}), evaluated
 * with Jackson's {@link JsonPointer}. Only member names and array indexes: no wildcards or filters.
 */
final class JsonPath {

    private JsonPath() {}

    /** The pointer for the path; an {@link IllegalArgumentException} saying what is wrong if it is not one. */
    static JsonPointer compile(String path) {
        String text = path.strip();
        if (text.startsWith("/")) {
            try {
                return JsonPointer.compile(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("not a JSON Pointer: " + e.getMessage());
            }
        }
        if (!text.startsWith("$")) {
            throw new IllegalArgumentException("a JSON path starts with $ (like $.status) or / (like /status)");
        }
        StringBuilder pointer = new StringBuilder();
        int i = 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < text.length() && text.charAt(end) != '.' && text.charAt(end) != '[') {
                    end++;
                }
                String name = text.substring(i + 1, end);
                if (name.isEmpty() || name.equals("*")) {
                    throw new IllegalArgumentException("empty or wildcard member name at position " + i);
                }
                pointer.append('/').append(name.replace("~", "~0").replace("/", "~1"));
                i = end;
            } else if (c == '[') {
                int end = text.indexOf(']', i);
                if (end < 0) {
                    throw new IllegalArgumentException("unclosed [ at position " + i);
                }
                String inside = text.substring(i + 1, end).strip();
                if (inside.matches("\\d+")) {
                    pointer.append('/').append(inside);
                } else if (inside.matches("'[^']*'|\"[^\"]*\"")) {
                    pointer.append('/').append(inside.substring(1, inside.length() - 1).replace("~", "~0").replace("/", "~1"));
                } else {
                    throw new IllegalArgumentException("only array indexes and quoted names go in brackets, not [" + inside + "]");
                }
                i = end + 1;
            } else {
                throw new IllegalArgumentException("unexpected '" + c + "' at position " + i);
            }
        }
        return JsonPointer.compile(pointer.toString());
    }
}
