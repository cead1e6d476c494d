package dev.holdfast.platform.shared.settings;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Maps the few {@code HOLDFAST_*} settings that steer Spring Boot itself (rather than a Holdfast settings record)
 * onto Boot's properties, before anything else reads them.
 */
public class HoldfastEnvironment implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String format = environment.getProperty("HOLDFAST_LOG_FORMAT", "text").strip().toLowerCase(java.util.Locale.ROOT);
        switch (format) {
            case "text" -> { }
            case "json" -> environment.getPropertySources().addFirst(new MapPropertySource("holdfast-log-format",
                    Map.of("logging.structured.format.console", "logstash")));
            default -> throw new InvalidSettingException("HOLDFAST_LOG_FORMAT", format, "text or json");
        }
    }
}
