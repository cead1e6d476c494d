package dev.holdfast.platform.testing;

import java.net.URI;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** A running Holdfast started by a test. */
public final class TestNode implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final String setupLink;

    TestNode(ConfigurableApplicationContext context, String setupLink) {
        this.context = context;
        this.setupLink = setupLink;
    }

    /** The first-run setup link this node printed at start, as a person would copy it; fails if it printed none. */
    public String setupLink() {
        if (setupLink == null) {
            throw new AssertionError("this node printed no setup link");
        }
        return setupLink;
    }

    /** Whether this node printed a setup link at start. */
    public boolean printedSetupLink() {
        return setupLink != null;
    }

    /** A new browser-like session against this node. */
    public WebSession session() {
        return new WebSession(this);
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
