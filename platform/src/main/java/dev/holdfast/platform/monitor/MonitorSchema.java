package dev.holdfast.platform.monitor;

import dev.holdfast.platform.shared.database.ModuleSchema;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The monitor module's tables: Flyway migrations in {@code db/monitor/common} (history table {@code flyway_history_monitor}). */
@Configuration(proxyBeanMethods = false)
class MonitorSchema {

    @Bean
    ModuleSchema monitorModuleSchema() {
        return new ModuleSchema("monitor", 30);
    }
}
