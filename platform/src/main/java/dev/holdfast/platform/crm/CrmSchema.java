package dev.holdfast.platform.crm;

import dev.holdfast.platform.shared.database.ModuleSchema;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The crm module's tables: Flyway migrations in {@code db/crm/common} (history table {@code flyway_history_crm}). */
@Configuration(proxyBeanMethods = false)
class CrmSchema {

    @Bean
    ModuleSchema crmModuleSchema() {
        return new ModuleSchema("crm", 20);
    }
}
