package dev.holdfast.platform.monitor.status;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The admin form of a status page: its fields as text (groups one per line, {@code Group: Monitor A, Monitor B}) and
 * the errors by field name.
 */
public record StatusPageForm(Map<String, String> values, Map<String, String> errors) {

    public String value(String name) {
        String value = values.get(name);
        return value == null ? "" : value;
    }

    public boolean invalid(String name) {
        return errors.containsKey(name);
    }

    public @Nullable String error(String name) {
        return errors.get(name);
    }

    /** A page in the admin list. */
    public record Row(String id, String slug, String title, @Nullable String domain, int monitors) {}

    /** An incident with its updates, newest first, in the admin page. */
    public record IncidentRow(String id, String title, String state, String started, List<StatusPageView.UpdateView> updates) {}
}
