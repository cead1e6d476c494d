package dev.holdfast.platform.identity.internal;

import dev.holdfast.platform.identity.AuditEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * How an audit event is hashed: SHA-256 over the previous hash and every field, each written as its length, a
 * colon and its UTF-8 text, so no two different events share an input. Details are canonical JSON (sorted keys).
 */
final class AuditChain {

    static final String GENESIS = "0".repeat(64);

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<TreeMap<String, String>> DETAILS = new TypeReference<>() {};

    private AuditChain() {}

    static String hash(String previousHash, AuditEvent event, String details) {
        StringBuilder input = new StringBuilder(256);
        append(input, previousHash);
        append(input, Long.toString(event.seq()));
        append(input, Long.toString(event.occurredAt().toEpochMilli()));
        append(input, event.actor());
        append(input, event.clientIp());
        append(input, event.action());
        append(input, event.target());
        append(input, event.outcome().name());
        append(input, details);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(input.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String details(Map<String, String> details) {
        return JSON.writeValueAsString(new TreeMap<>(details));
    }

    static Map<String, String> details(@Nullable String json) {
        return json == null || json.isEmpty() ? Map.of() : JSON.readValue(json, DETAILS);
    }

    private static void append(StringBuilder input, @Nullable String value) {
        if (value == null) {
            input.append("-1:");
        } else {
            input.append(value.length()).append(':').append(value);
        }
    }
}
