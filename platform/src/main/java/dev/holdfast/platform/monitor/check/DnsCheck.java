package dev.holdfast.platform.monitor.check;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * DNS (dnsjava): asks a resolver ({@code host} or {@code host:port}; the system's when empty) for one record type;
 * up when the answer holds every expected value (comma-separated), or any record when none are expected.
 */
@Component
class DnsCheck implements Check {

    private static final List<String> TYPES = List.of("A", "AAAA", "CNAME", "MX", "NS", "PTR", "SOA", "SRV", "TXT", "CAA");

    @Override
    public String type() {
        return "dns";
    }

    @Override
    public void validate(CheckConfig config, FieldErrors errors) {
        String name = config.string("name");
        if (name == null) {
            errors.add("config.name", "a DNS name is required");
        } else {
            try {
                Name.fromString(name, Name.root);
            } catch (TextParseException e) {
                errors.add("config.name", "\"" + CheckConfig.abbreviate(name) + "\" is not a DNS name");
            }
        }
        if (!TYPES.contains(config.string("recordType", "A").toUpperCase(Locale.ROOT))) {
            errors.add("config.recordType", "one of " + String.join(", ", TYPES));
        }
        String resolver = config.string("resolver");
        if (resolver != null) {
            try {
                address(resolver);
            } catch (IllegalArgumentException e) {
                errors.add("config.resolver", e.getMessage());
            }
        }
    }

    @Override
    public String target(CheckConfig config) {
        return config.string("name", "") + " " + config.string("recordType", "A").toUpperCase(Locale.ROOT);
    }

    @Override
    public @Nullable String host(CheckConfig config) {
        return config.string("resolver", "system-resolver");
    }

    @Override
    public CheckResult check(CheckRequest request) throws Exception {
        CheckConfig config = request.config();
        String resolverText = config.string("resolver");
        SimpleResolver resolver = resolverText == null ? new SimpleResolver() : new SimpleResolver(address(resolverText));
        resolver.setTimeout(request.timeout());
        Name name = Name.fromString(config.string("name", ""), Name.root);
        int type = Type.value(config.string("recordType", "A").toUpperCase(Locale.ROOT));
        long start = System.nanoTime();
        Message response = resolver.send(Message.newQuery(Record.newRecord(name, type, DClass.IN)));
        long millis = (System.nanoTime() - start) / 1_000_000;
        int rcode = response.getRcode();
        if (rcode != Rcode.NOERROR) {
            return CheckResult.down(millis, "DNS: " + Rcode.string(rcode) + " for " + name);
        }
        List<String> answers = response.getSection(Section.ANSWER).stream().filter(record -> record.getType() == type)
                .map(record -> normalise(record.rdataToString())).toList();
        if (answers.isEmpty()) {
            return CheckResult.down(millis, "DNS: no " + Type.string(type) + " record for " + name);
        }
        String expected = config.string("expected");
        if (expected != null) {
            List<String> missing = Arrays.stream(expected.split(",")).map(DnsCheck::normalise).filter(v -> !v.isEmpty())
                    .filter(v -> !answers.contains(v)).toList();
            if (!missing.isEmpty()) {
                return CheckResult.down(millis, "DNS: " + name + " " + Type.string(type) + " is " + String.join(", ", answers)
                        + ", expected " + String.join(", ", missing));
            }
        }
        return CheckResult.up(millis, String.join(", ", answers));
    }

    private static String normalise(String value) {
        String text = value.strip();
        if (text.length() > 1 && text.startsWith("\"") && text.endsWith("\"")) {
            text = text.substring(1, text.length() - 1);
        }
        return text.endsWith(".") && text.length() > 1 ? text.substring(0, text.length() - 1).toLowerCase(Locale.ROOT) : text;
    }

    static InetSocketAddress address(String text) {
        String host = text;
        int port = 53;
        int colon = text.lastIndexOf(':');
        if (colon > 0 && text.indexOf(':') == colon) {
            host = text.substring(0, colon);
            try {
                port = Integer.parseInt(text.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("\"" + CheckConfig.abbreviate(text) + "\" is not host or host:port");
            }
        }
        if (!CheckConfig.isHost(host) || port < 1 || port > 65535) {
            throw new IllegalArgumentException("\"" + CheckConfig.abbreviate(text) + "\" is not host or host:port");
        }
        return new InetSocketAddress(host, port);
    }
}
