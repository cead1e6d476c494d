package dev.holdfast.platform.testing;

import java.net.URI;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** A running Holdfast started by a test. */
public final class TestNode implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    TestNode(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** {@code http://localhost:<port>} plus the path. */
    public URI uri(String path) {
        return URI.create("http://localhost:" + port() + path);
    }

    @Override
    public void close() {
        if (context.isActive()) {
            context.close();
        }
    }
}
