package dev.holdfast.platform.monitor.check;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/** Every monitor type by its key. Two checks with the same type stop start-up. */
@Component
public class Checks {

    private final Map<String, Check> byType = new TreeMap<>();

    public Checks(List<Check> checks) {
        for (Check check : checks) {
            Check earlier = byType.putIfAbsent(check.type(), check);
            if (earlier != null) {
                throw new IllegalStateException("two monitor types named " + check.type() + ": "
                        + earlier.getClass().getName() + " and " + check.getClass().getName());
            }
        }
    }

    public Optional<Check> find(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    /** The known type keys, sorted. */
    public List<String> types() {
        return List.copyOf(byType.keySet());
    }
}
