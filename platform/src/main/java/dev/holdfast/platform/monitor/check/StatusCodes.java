package dev.holdfast.platform.monitor.check;

import java.util.ArrayList;
import java.util.List;

/** Accepted HTTP status codes written like {@code 200-299,301,418}. */
record StatusCodes(List<int[]> ranges, String text) {

    /** Reads the list; an {@link IllegalArgumentException} saying what is wrong if it is not one. */
    static StatusCodes parse(String text) {
        List<int[]> ranges = new ArrayList<>();
        for (String part : text.split(",")) {
            String item = part.strip();
            if (item.isEmpty()) {
                continue;
            }
            String[] bounds = item.split("-", 2);
            try {
                int from = Integer.parseInt(bounds[0].strip());
                int to = bounds.length == 2 ? Integer.parseInt(bounds[1].strip()) : from;
                if (from < 100 || to > 599 || from > to) {
                    throw new IllegalArgumentException("\"" + item + "\" is not a status code or range from 100 to 599");
                }
                ranges.add(new int[] {from, to});
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("\"" + item + "\" is not a status code or range like 200-299");
            }
        }
        if (ranges.isEmpty()) {
            throw new IllegalArgumentException("at least one status code or range like 200-299 is required");
        }
        return new StatusCodes(List.copyOf(ranges), text.strip());
    }

    boolean accepts(int status) {
        return ranges.stream().anyMatch(range -> status >= range[0] && status <= range[1]);
    }
}
