package dev.holdfast.backup.backend.rest;

import dev.holdfast.backup.backend.Backend;
import dev.holdfast.backup.backend.BackendFactory;
import dev.holdfast.backup.backend.InvalidLocationException;
import dev.holdfast.backup.backend.TlsSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Opens {@code rest:http[s]://[user:password@]host:port/[path/]}, as restic spells it. User and password in the URL
 * are sent as basic authentication and are never shown in {@link Backend#location()}.
 */
public final class RestBackendFactory implements BackendFactory {

    private final int connections;
    private final Duration timeout;
    private final TlsSettings tls;

    public RestBackendFactory(int connections, Duration timeout) {
        this(connections, timeout, TlsSettings.SYSTEM);
    }

    /** @param tls how {@code https} servers are checked and which client certificate is shown */
    public RestBackendFactory(int connections, Duration timeout, TlsSettings tls) {
        this.connections = connections;
        this.timeout = timeout;
        this.tls = tls;
    }

    @Override
    public String scheme() {
        return "rest";
    }

    @Override
    public int connections() {
        return connections;
    }

    @Override
    public Backend open(String location) {
        URI url;
        try {
            url = new URI(location.substring("rest:".length()));
        } catch (URISyntaxException e) {
            throw new InvalidLocationException("repository location " + location + " is not a URL: " + e.getReason());
        }
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme()) || url.getHost() == null) {
            throw new InvalidLocationException("repository location " + location
                    + ": expected rest:http://host:port/ or rest:https://host:port/path/");
        }
        String user = null;
        String password = null;
        if (url.getRawUserInfo() != null) {
            String[] parts = url.getRawUserInfo().split(":", 2);
            user = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
            password = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : null;
        }
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        URI base = URI.create(url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort())
                + (path.endsWith("/") ? path : path + "/"));
        return new RestBackend(base, user, password, timeout, tls);
    }
}
