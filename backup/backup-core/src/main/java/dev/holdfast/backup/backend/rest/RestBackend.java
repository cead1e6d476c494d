package dev.holdfast.backup.backend.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdfast.backup.Id;
import dev.holdfast.backup.backend.Backend;
import dev.holdfast.backup.backend.BackendException;
import dev.holdfast.backup.backend.FileInfo;
import dev.holdfast.backup.backend.FileType;
import dev.holdfast.backup.backend.Handle;
import dev.holdfast.backup.backend.MissingFileException;
import dev.holdfast.backup.backend.TlsException;
import dev.holdfast.backup.backend.TlsSettings;
import dev.holdfast.backup.backend.ConfigExistsException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A repository behind a REST server speaking restic's protocol v2: {@code POST /?create=true}, then
 * {@code HEAD|GET|POST|DELETE /<type>/<name>} (and {@code /config}), {@code GET /<type>/} listing names with sizes.
 * Ranges are read with {@code Range: bytes=}. Thread-safe; the HTTP client is shared.
 */
public final class RestBackend implements Backend {

    static final String V2 = "application/vnd.x.restic.rest.v2";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final @Nullable String authorization;
    private final HttpClient http;
    private final Duration timeout;

    /**
     * @param base the repository URL ending with {@code /}, without user info
     * @param user with {@code password}, sent as HTTP basic authentication; {@code null} for none
     */
    public RestBackend(URI base, @Nullable String user, @Nullable String password, Duration timeout) {
        this(base, user, password, timeout, TlsSettings.SYSTEM);
    }

    /** As {@link #RestBackend(URI, String, String, Duration)}, checking an HTTPS server as {@code tls} says. */
    public RestBackend(URI base, @Nullable String user, @Nullable String password, Duration timeout,
            TlsSettings tls) {
        this.base = base;
        this.authorization = user == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + (password == null ? "" : password)).getBytes(StandardCharsets.UTF_8));
        HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1);
        if (!tls.isSystemDefault()) {
            http.sslContext(tls.sslContext());
        }
        this.http = http.build();
        this.timeout = timeout;
    }

    static String path(Handle handle) {
        return handle.type() == FileType.CONFIG ? "config" : handle.type().folder() + "/" + handle.name();
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout);
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    private <T> HttpResponse<T> send(String what, HttpRequest request, HttpResponse.BodyHandler<T> body) {
        try {
            return http.send(request, body);
        } catch (IOException e) {
            TlsException tls = TlsException.of("cannot " + what + " at " + location(), e);
            throw tls != null ? tls : new BackendException("cannot " + what + " at " + location() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendException("interrupted while trying to " + what, e);
        }
    }

    private void requireSuccess(String what, HttpResponse<?> response, @Nullable Handle handle) {
        int status = response.statusCode();
        if (status == 404 && handle != null) {
            throw new MissingFileException(handle + " does not exist in " + location(), null);
        }
        if (status < 200 || status > 299) {
            throw new BackendException("cannot " + what + " at " + location() + ": HTTP " + status, null);
        }
    }

    @Override
    public String location() {
        return base.toString();
    }

    @Override
    public void create() {
        if (exists(Handle.config())) {
            throw new ConfigExistsException(location());
        }
        var response = send("create the repository", request("?create=true")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        requireSuccess("create the repository", response, null);
    }

    @Override
    public void save(Handle handle, byte[] data) {
        var response = send("save " + handle, request(path(handle)).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(data)).build(), HttpResponse.BodyHandlers.discarding());
        requireSuccess("save " + handle, response, null);
    }

    @Override
    public byte[] load(Handle handle, long offset, int length) {
        HttpRequest.Builder builder = request(path(handle)).GET();
        if (offset != 0 || length != 0) {
            builder.header("Range", "bytes=" + offset + "-" + (length == 0 ? "" : offset + length - 1));
        }
        var response = send("load " + handle, builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        requireSuccess("load " + handle, response, handle);
        byte[] body = response.body();
        if (response.statusCode() == 200 && (offset != 0 || length != 0)) {
            throw new BackendException("server ignored the range of " + handle + " at " + location(), null);
        }
        if (length != 0 && body.length != length) {
            throw new BackendException("cannot read " + length + " bytes at " + offset + " of " + handle + ": got "
                    + body.length, null);
        }
        return body;
    }

    @Override
    public long size(Handle handle) {
        var response = send("stat " + handle, request(path(handle)).HEAD().build(),
                HttpResponse.BodyHandlers.discarding());
        requireSuccess("stat " + handle, response, handle);
        return response.headers().firstValueAsLong("Content-Length")
                .orElseThrow(() -> new BackendException("no Content-Length for " + handle, null));
    }

    @Override
    public boolean exists(Handle handle) {
        try {
            size(handle);
            return true;
        } catch (MissingFileException e) {
            return false;
        }
    }

    @Override
    public void remove(Handle handle) {
        var response = send("remove " + handle, request(path(handle)).DELETE().build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() != 404) {
            requireSuccess("remove " + handle, response, handle);
        }
    }

    @Override
    public List<FileInfo> list(FileType type) {
        if (type == FileType.CONFIG) {
            return exists(Handle.config()) ? List.of(new FileInfo("", size(Handle.config()))) : List.of();
        }
        String what = "list " + type.folder();
        var response = send(what, request(type.folder() + "/").header("Accept", V2).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() == 404) {
            return List.of();
        }
        requireSuccess(what, response, null);
        List<FileInfo> listed = parseList(what, response.body());
        List<FileInfo> result = new ArrayList<>(listed.size());
        for (FileInfo info : listed) {
            result.add(info.size() >= 0 ? info : new FileInfo(info.name(), size(new Handle(type, info.name()))));
        }
        return result;
    }

    private List<FileInfo> parseList(String what, byte[] body) {
        List<FileInfo> result = new ArrayList<>();
        try {
            for (JsonNode entry : JSON.readTree(body)) {
                if (entry.isTextual() && Id.isId(entry.asText())) { // a protocol v1 server: names only
                    result.add(new FileInfo(entry.asText(), -1));
                    continue;
                }
                String name = entry.path("name").asText("");
                if (Id.isId(name)) {
                    result.add(new FileInfo(name, entry.path("size").asLong()));
                }
            }
        } catch (IOException e) {
            throw new BackendException("cannot " + what + " at " + location() + ": the answer is not JSON", e);
        }
        return result;
    }

    @Override
    public void close() {
        http.close();
    }
}
