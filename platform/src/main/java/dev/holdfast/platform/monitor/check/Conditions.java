package dev.holdfast.platform.monitor.check;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Gatus-style conditions joined by {@code &&}, e.g. {@code [STATUS] == 200 && [RESPONSE_TIME] < 300 &&
 * [BODY].status == "UP"}. Placeholders: {@code [STATUS]}, {@code [RESPONSE_TIME]} (ms), {@code [BODY]} and
 * {@code [BODY].<json path>}; operators {@code == != < <= > >=}; the right side is a number or a (quoted) string.
 */
record Conditions(List<Condition> all) {

    private static final Pattern ONE = Pattern.compile("\\s*(\\[(?:STATUS|RESPONSE_TIME|BODY)](?:\\.[^\\s=!<>]+|\\[[^\\s]*)?)\\s*(==|!=|<=|>=|<|>)\\s*(.+?)\\s*");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Condition(String text, String placeholder, String operator, String expected) {}

    static Conditions parse(String text) {
        List<Condition> all = new ArrayList<>();
        for (String part : text.split("&&")) {
            Matcher matcher = ONE.matcher(part);
            if (!matcher.matches()) {
                throw new IllegalArgumentException("\"" + CheckConfig.abbreviate(part.strip())
                        + "\" is not a condition like [STATUS] == 200, [RESPONSE_TIME] < 300 or [BODY].status == \"UP\"");
            }
            String placeholder = matcher.group(1);
            if (placeholder.startsWith("[BODY]") && placeholder.length() > 6) {
                JsonPath.compile("$" + placeholder.substring(6));
            }
            String expected = matcher.group(3);
            if (expected.length() >= 2 && expected.startsWith("\"") && expected.endsWith("\"")) {
                expected = expected.substring(1, expected.length() - 1);
            }
            all.add(new Condition(part.strip(), placeholder, matcher.group(2), expected));
        }
        return new Conditions(List.copyOf(all));
    }

    /** The first condition that does not hold, as a message, or null when all hold. */
    @Nullable String failure(int status, long millis, String body) {
        for (Condition condition : all) {
            String actual = value(condition.placeholder(), status, millis, body);
            if (actual == null || !holds(actual, condition.operator(), condition.expected())) {
                return "condition failed: " + condition.text() + " (was " + (actual == null ? "missing" : CheckConfig.abbreviate(actual)) + ")";
            }
        }
        return null;
    }

    private static @Nullable String value(String placeholder, int status, long millis, String body) {
        if (placeholder.equals("[STATUS]")) {
            return String.valueOf(status);
        }
        if (placeholder.equals("[RESPONSE_TIME]")) {
            return String.valueOf(millis);
        }
        if (placeholder.equals("[BODY]")) {
            return body;
        }
        try {
            JsonNode node = JSON.readTree(body).at(JsonPath.compile("$" + placeholder.substring(6)));
            return node.isMissingNode() ? null : node.isValueNode() ? node.asString() : node.toString();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static boolean holds(String actual, String operator, String expected) {
        Double a = number(actual);
        Double b = number(expected);
        int comparison = a != null && b != null ? Double.compare(a, b) : actual.compareTo(expected);
        return switch (operator) {
            case "==" -> comparison == 0;
            case "!=" -> comparison != 0;
            case "<" -> comparison < 0;
            case "<=" -> comparison <= 0;
            case ">" -> comparison > 0;
            default -> comparison >= 0;
        };
    }

    private static @Nullable Double number(String text) {
        try {
            return Double.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
