package dev.holdfast.platform.shared.database;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The shared kernel's own tables (jobs and their history), migrated before any module's. */
@Configuration(proxyBeanMethods = false)
class SharedSchema {

    @Bean
    ModuleSchema sharedModuleSchema() {
        return new ModuleSchema("shared", 0);
    }
}
