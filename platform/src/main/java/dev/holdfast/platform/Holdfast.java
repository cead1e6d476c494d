package dev.holdfast.platform;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;

/** Holdfast: CRM, identity, backups and monitoring in one application. Each top-level package is a module. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Modulithic(systemName = "Holdfast", sharedModules = "shared")
public class Holdfast {

    static {
        // jOOQ prints a logo and a tip of the day at first use; an operator's log has no room for either.
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
    }

    public static void main(String[] args) {
        SpringApplication.run(Holdfast.class, args);
    }
}
