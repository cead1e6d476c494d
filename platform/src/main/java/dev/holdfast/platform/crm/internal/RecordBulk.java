package dev.holdfast.platform.crm.internal;

import dev.holdfast.platform.crm.access.Action;
import dev.holdfast.platform.crm.access.CrmUser;
import dev.holdfast.platform.crm.internal.RecordQueries.Selection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * EspoCRM's export and mass actions over a selection (ids, or {@code where} items), with access inside the SQL.
 * An export streams rows from a database cursor to the response, {@value #CHUNK} at a time; a mass action walks the
 * ids it may act on by keyset and does each chunk of {@value #CHUNK} records in one transaction through the record
 * store (so validation, stream notes, events and live updates are those of a single change).
 */
@Service
class RecordBulk {

    static final int CHUNK = 200;
    /** At most this many ids in one request's {@code ids}. */
    static final int MAX_IDS = 10_000;

    private final MetadataStore metadata;
    private final RecordQueries queries;
    private final Records records;
    private final TransactionTemplate reads;
    private final TransactionTemplate writes;

    RecordBulk(MetadataStore metadata, RecordQueries queries, Records records, PlatformTransactionManager transactions) {
        this.metadata = metadata;
        this.queries = queries;
        this.records = records;
        this.reads = new TransactionTemplate(transactions);
        this.reads.setReadOnly(true);
        this.writes = new TransactionTemplate(transactions);
    }

    /** A mass action's result: how many records it changed, and their ids (when not more than {@value #CHUNK} * 5). */
    record Result(int count, @Nullable List<String> ids) {}

    /**
     * Writes the selected records the user may read as CSV (RFC 4180, a header row of attribute names); fields the
     * user may not read are left out. {@code open} is called after every check passed, before the first byte.
     *
     * @param names attributes ({@code attributeList}) or fields ({@code fieldList}) to export; null: every readable one
     */
    void exportCsv(CrmUser user, String entityType, Selection selection, @Nullable List<String> names, boolean fields,
            java.util.function.Supplier<Writer> open) {
        Writer[] opened = new Writer[1];
        Metadata current = metadata.current();
        EntityDef entity = records.entity(current, entityType);
        List<Attribute> attributes = queries.selected(user, entity, attributes(entity, names, fields), false).stream()
                .filter(a -> a.kind() != Attribute.Kind.LINK_IDS && a.kind() != Attribute.Kind.LINK_NAMES).toList();
        reads.executeWithoutResult(status -> queries.stream(user, current, entity, selection, attributes, CHUNK, () -> {
            opened[0] = open.get();
            line(opened[0], attributes.stream().map(Attribute::name).toList());
        }, chunk -> {
            for (Map<String, Object> record : chunk) {
                List<String> cells = new ArrayList<>(attributes.size());
                for (Attribute attribute : attributes) {
                    cells.add(cell(record.get(attribute.name())));
                }
                line(opened[0], cells);
            }
        }));
        try {
            opened[0].flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static @Nullable List<String> attributes(EntityDef entity, @Nullable List<String> names, boolean fields) {
        if (names == null) {
            return null;
        }
        String parameter = fields ? "fieldList" : "attributeList";
        if (names.isEmpty() || names.size() > 300) {
            throw CrmApiException.invalid(parameter, parameter + " needs 1 to 300 names.");
        }
        Set<String> attributes = new LinkedHashSet<>();
        for (String name : names) {
            if (fields) {
                List<String> of = entity.attributes().values().stream().filter(a -> a.field().name().equals(name))
                        .map(Attribute::name).toList();
                if (of.isEmpty()) {
                    throw CrmApiException.invalid(parameter, "Unknown field '" + WhereItem.shorten(name) + "' of " + entity.name() + ".");
                }
                attributes.addAll(of);
            } else {
                if (entity.attribute(name).isEmpty()) {
                    throw CrmApiException.invalid(parameter, "Unknown attribute '" + WhereItem.shorten(name) + "' of " + entity.name() + ".");
                }
                attributes.add(name);
            }
        }
        return List.copyOf(attributes);
    }

    /** EspoCRM's mass update: the same changes on every selected record the user may edit. */
    Result massUpdate(CrmUser user, String entityType, Selection selection, Map<String, Object> data) {
        Map<String, Object> changes = new LinkedHashMap<>(data);
        changes.remove("id");
        changes.remove("versionNumber"); // a mass update is not a concurrent edit of one version
        if (changes.isEmpty()) {
            throw CrmApiException.invalid("data", "Send the changes as data: {\"attribute\": value, ...}.");
        }
        return each(user, entityType, selection, Action.EDIT, id -> records.update(user, entityType, id, changes));
    }

    /** EspoCRM's mass delete (soft): every selected record the user may delete. */
    Result massDelete(CrmUser user, String entityType, Selection selection) {
        return each(user, entityType, selection, Action.DELETE, id -> records.delete(user, entityType, id));
    }

    private Result each(CrmUser user, String entityType, Selection selection, Action action, java.util.function.Consumer<String> act) {
        EntityDef entity = records.entity(metadata.current(), entityType);
        List<String> done = new ArrayList<>();
        int count = 0;
        String after = "";
        while (true) {
            String from = after;
            List<String> chunk = writes.execute(status -> {
                List<String> ids = queries.ids(user, metadata.current(), entity, action, selection, from, CHUNK);
                ids.forEach(act);
                return ids;
            });
            if (chunk == null || chunk.isEmpty()) {
                break;
            }
            count += chunk.size();
            if (done.size() <= CHUNK * 5) {
                done.addAll(chunk);
            }
            after = chunk.getLast();
            if (chunk.size() < CHUNK) {
                break;
            }
        }
        return new Result(count, count <= CHUNK * 5 ? done : null);
    }

    private static String cell(@Nullable Object value) {
        if (value == null) {
            return "";
        }
        String text = value instanceof String s ? s : value instanceof Number || value instanceof Boolean ? value.toString()
                : Json.write(value);
        // a cell a spreadsheet would run as a formula is kept as text (OWASP's CSV injection advice)
        if (!text.isEmpty() && "=@\t\r".indexOf(text.charAt(0)) >= 0
                || (text.length() > 1 && (text.charAt(0) == '+' || text.charAt(0) == '-') && !text.substring(1).matches("[0-9 ().]+"))) {
            text = "'" + text;
        }
        return text;
    }

    private static void line(Writer out, List<String> cells) {
        try {
            for (int i = 0; i < cells.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                String cell = cells.get(i);
                if (cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0 || cell.indexOf('\r') >= 0) {
                    out.write('"');
                    out.write(cell.replace("\"", "\"\""));
                    out.write('"');
                } else {
                    out.write(cell);
                }
            }
            out.write("\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
