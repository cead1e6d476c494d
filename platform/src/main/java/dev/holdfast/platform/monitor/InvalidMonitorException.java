package dev.holdfast.platform.monitor;

import java.util.Map;

/** A monitor's settings are not usable; {@link #errors()} names each bad field ({@code interval}, {@code config.url}). */
public class InvalidMonitorException extends RuntimeException {

    private final Map<String, String> errors;

    public InvalidMonitorException(Map<String, String> errors) {
        super("invalid monitor: " + errors);
        this.errors = Map.copyOf(errors);
    }

    public Map<String, String> errors() {
        return errors;
    }
}
