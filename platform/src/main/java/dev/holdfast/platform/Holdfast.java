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
        // Tomcat gives every WebSocket three buffers of this size (frame input, output, text encoder), 8 KiB each by
        // default; live frames are small and larger ones simply take several reads or writes. 2 KiB saves 18 KiB per
        // open page: 9 MiB of a 128 MiB heap at 500 (bench/crm, fan-out). An operator's -D setting wins.
        if (System.getProperty("org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE") == null) {
            System.setProperty("org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE", "2048");
        }
    }

    public static void main(String[] args) {
        SpringApplication.run(Holdfast.class, args);
    }
}
