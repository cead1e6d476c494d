package dev.holdfast.backup.checker;

import dev.holdfast.backup.Id;
import java.util.List;

/**
 * Errors (the repository is damaged) and hints (harmless oddities, e.g. unreferenced packs).
 *
 * @param brokenPacks packs whose data failed to read or verify, sorted
 * @param suggestRepairIndex the index names packs that are missing or differ from it
 * @param suggestPrune packs no index references take up space
 */
public record CheckResult(List<String> errors, List<String> hints, int packsRead, List<Id> brokenPacks,
        boolean suggestRepairIndex, boolean suggestPrune) {

    public CheckResult {
        errors = List.copyOf(errors);
        hints = List.copyOf(hints);
        brokenPacks = List.copyOf(brokenPacks);
    }

    public boolean ok() {
        return errors.isEmpty();
    }
}
