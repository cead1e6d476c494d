package dev.holdfast.backup.restorer;

import java.util.List;

/** What a restore did; {@code errors} lists nodes that could not be restored (or verified). */
public record RestoreSummary(long files, long directories, long bytes, List<String> errors) {

    public RestoreSummary {
        errors = List.copyOf(errors);
    }
}
