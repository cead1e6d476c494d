package dev.holdfast.backup.checker;

import java.util.List;

/** Errors (the repository is damaged) and hints (harmless oddities, e.g. unreferenced packs). */
public record CheckResult(List<String> errors, List<String> hints, int packsRead) {

    public CheckResult {
        errors = List.copyOf(errors);
        hints = List.copyOf(hints);
    }

    public boolean ok() {
        return errors.isEmpty();
    }
}
