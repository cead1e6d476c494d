package dev.holdfast.platform.crm.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One item of EspoCRM's {@code where} grammar: a type ({@code equals}, {@code or}, {@code lastXDays}, ...), an
 * attribute, and a value (a string, a list of strings, or for and/or/not a list of items).
 *
 * @param path how the client named this item, e.g. {@code where[0][value][1]}, for error messages
 * @param timeZone for date types: the zone "today" is in (UTC unless given)
 */
record WhereItem(String type, @Nullable String attribute, @Nullable Object value, @Nullable String timeZone, String path) {

    static final Set<String> TYPES = Set.of("and", "or", "not", "equals", "notEquals", "in", "notIn", "greaterThan",
            "lessThan", "greaterThanOrEquals", "lessThanOrEquals", "between", "isNull", "isNotNull", "isTrue", "isFalse",
            "like", "notLike", "startsWith", "endsWith", "contains", "notContains", "on", "notOn", "after", "before",
            "ever", "today", "past", "future", "lastSevenDays", "lastXDays", "nextXDays", "olderThanXDays", "afterXDays",
            "currentMonth", "lastMonth", "nextMonth", "currentYear", "lastYear", "arrayAnyOf", "arrayNoneOf",
            "arrayAllOf", "arrayIsEmpty", "arrayIsNotEmpty", "linkedWith", "notLinkedWith", "isLinked", "isNotLinked",
            "textFilter");
    static final int MAX_DEPTH = 6;
    static final int MAX_PARAMETERS = 500;

    /** The items of {@code where[...]} (or its alias {@code whereGroup[...]}) among the query parameters. */
    static List<WhereItem> fromParameters(Map<String, String[]> parameters) {
        Map<String, Object> tree = new TreeMap<>();
        int count = 0;
        for (var entry : parameters.entrySet()) {
            String key = entry.getKey();
            String prefix = key.startsWith("where[") ? "where" : key.startsWith("whereGroup[") ? "whereGroup" : null;
            if (prefix == null) {
                continue;
            }
            if (++count > MAX_PARAMETERS) {
                throw CrmApiException.invalid("where", "More than " + MAX_PARAMETERS + " where parameters.");
            }
            List<String> keys = brackets(key, prefix);
            String[] values = entry.getValue();
            if (values.length == 0) {
                put(tree, keys, "", key);
            }
            for (String value : key.endsWith("[]") ? values : java.util.Arrays.copyOf(values, Math.min(1, values.length))) {
                put(tree, keys, value, key);
            }
        }
        Object root = tree.get(tree.keySet().stream().findFirst().orElse(""));
        if (root == null) {
            return List.of();
        }
        return items(root, tree.keySet().iterator().next(), 0);
    }

    /** The items of {@code searchParams}' {@code where} (EspoCRM's JSON form of the same grammar). */
    static List<WhereItem> fromJson(@Nullable Object where) {
        if (where == null) {
            return List.of();
        }
        if (!(where instanceof List<?>)) {
            throw CrmApiException.invalid("searchParams.where", "where must be a list of items.");
        }
        return items(tree(where, 0), "where", 0);
    }

    /** JSON lists become maps keyed by index, scalars strings: the shape the query-string parser builds. */
    private static Object tree(@Nullable Object json, int depth) {
        if (depth > MAX_DEPTH * 2 + 2) {
            throw CrmApiException.invalid("searchParams.where", "The where condition is nested too deeply.");
        }
        if (json instanceof List<?> list) {
            Map<String, Object> map = new TreeMap<>(WhereItem::compareKeys);
            for (int i = 0; i < list.size(); i++) {
                map.put(String.valueOf(i), tree(list.get(i), depth + 1));
            }
            return map;
        }
        if (json instanceof Map<?, ?> object) {
            Map<String, Object> map = new TreeMap<>(WhereItem::compareKeys);
            object.forEach((key, value) -> {
                if (value != null) {
                    map.put(String.valueOf(key), tree(value, depth + 1));
                }
            });
            return map;
        }
        return String.valueOf(json);
    }

    private static List<String> brackets(String key, String prefix) {
        List<String> keys = new ArrayList<>();
        keys.add(prefix);
        int i = prefix.length();
        while (i < key.length()) {
            int close = key.indexOf(']', i);
            if (key.charAt(i) != '[' || close < 0) {
                throw CrmApiException.invalid(key, "Malformed where parameter: expected where[<index>][<key>]...");
            }
            keys.add(key.substring(i + 1, close));
            i = close + 1;
        }
        if (keys.size() > MAX_DEPTH * 2 + 2) {
            throw CrmApiException.invalid(key, "The where condition is nested too deeply.");
        }
        return keys;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> node, List<String> keys, String value, String parameter) {
        Map<String, Object> current = node;
        for (int i = 0; i < keys.size() - 1; i++) {
            String key = keys.get(i);
            if (key.isEmpty()) {
                key = String.valueOf(current.size());
            }
            Object child = current.computeIfAbsent(key, k -> new TreeMap<>(WhereItem::compareKeys));
            if (!(child instanceof Map)) {
                throw CrmApiException.invalid(parameter, "Malformed where parameter: a value and a nested item at once.");
            }
            current = (Map<String, Object>) child;
        }
        String last = keys.getLast();
        current.put(last.isEmpty() ? String.valueOf(current.size()) : last, value);
    }

    private static int compareKeys(String a, String b) {
        boolean numeric = a.chars().allMatch(Character::isDigit) && b.chars().allMatch(Character::isDigit)
                && !a.isEmpty() && !b.isEmpty() && a.length() < 9 && b.length() < 9;
        return numeric ? Integer.compare(Integer.parseInt(a), Integer.parseInt(b)) : a.compareTo(b);
    }

    @SuppressWarnings("unchecked")
    private static List<WhereItem> items(Object node, String path, int depth) {
        if (depth > MAX_DEPTH) {
            throw CrmApiException.invalid(path, "The where condition is nested too deeply.");
        }
        if (!(node instanceof Map<?, ?> map)) {
            throw CrmApiException.invalid(path, "Expected a list of where items.");
        }
        List<WhereItem> items = new ArrayList<>();
        for (var entry : ((Map<String, Object>) map).entrySet()) {
            String itemPath = path + "[" + entry.getKey() + "]";
            if (!entry.getKey().chars().allMatch(Character::isDigit)) {
                throw CrmApiException.invalid(itemPath, "Expected a numbered where item.");
            }
            items.add(item(entry.getValue(), itemPath, depth));
        }
        return items;
    }

    @SuppressWarnings("unchecked")
    private static WhereItem item(Object node, String path, int depth) {
        if (!(node instanceof Map<?, ?> raw)) {
            throw CrmApiException.invalid(path, "Expected a where item with [type] and [attribute].");
        }
        Map<String, Object> map = (Map<String, Object>) raw;
        Object type = map.get("type");
        if (!(type instanceof String t) || !TYPES.contains(t)) {
            throw CrmApiException.invalid(path + "[type]", type == null ? "A where item needs a type."
                    : "Unknown where type '" + shorten(String.valueOf(type)) + "'.");
        }
        Object attribute = map.get("attribute");
        if (attribute != null && !(attribute instanceof String)) {
            throw CrmApiException.invalid(path + "[attribute]", "The attribute must be a name.");
        }
        Object zone = map.get("timeZone");
        Object value = map.get("value");
        if (Set.of("and", "or", "not").contains(t)) {
            value = value == null ? List.of() : items(value, path + "[value]", depth + 1);
        } else if (value instanceof Map<?, ?> list) {
            List<Object> values = new ArrayList<>();
            for (var entry : ((Map<String, Object>) list).entrySet()) {
                if (!(entry.getValue() instanceof String)) {
                    throw CrmApiException.invalid(path + "[value][" + entry.getKey() + "]", "Expected a value.");
                }
                values.add(entry.getValue());
            }
            value = values;
        }
        return new WhereItem(t, (String) attribute, value, zone instanceof String z ? z : null, path);
    }

    static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
