package dev.holdfast.platform.crm.internal;

import dev.holdfast.platform.crm.access.Action;
import dev.holdfast.platform.crm.access.CrmUser;
import dev.holdfast.platform.crm.internal.RecordQueries.Selection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * EspoCRM's export and mass actions over a selection (ids, or {@code where} items), with access inside the SQL.
 * An export streams rows from a database cursor to a file format's writer, {@value #CHUNK} at a time; a mass action walks the
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
     * Writes the selected records the user may read in the format (a header row of attribute names, then a row per
     * record); fields the user may not read are left out. {@code open} is called after every check passed, before
     * the first byte.
     *
     * @param names attributes ({@code attributeList}) or fields ({@code fieldList}) to export; null: every readable one
     * @return how many records were written
     */
    int export(CrmUser user, String entityType, Selection selection, @Nullable List<String> names, boolean fields,
            ExportFormat format, Supplier<OutputStream> open) {
        ExportFormat.Writer[] opened = new ExportFormat.Writer[1];
        int[] count = new int[1];
        Metadata current = metadata.current();
        EntityDef entity = records.entity(current, entityType);
        List<Attribute> attributes = queries.selected(user, entity, attributes(entity, names, fields), false).stream()
                .filter(a -> a.kind() != Attribute.Kind.LINK_IDS && a.kind() != Attribute.Kind.LINK_NAMES).toList();
        reads.executeWithoutResult(status -> queries.stream(user, current, entity, selection, attributes, CHUNK, () -> {
            opened[0] = format.open(open.get());
            write(opened[0], new ArrayList<>(attributes.stream().map(Attribute::name).toList()));
        }, chunk -> {
            for (Map<String, Object> record : chunk) {
                List<@Nullable Object> cells = new ArrayList<>(attributes.size());
                for (Attribute attribute : attributes) {
                    cells.add(record.get(attribute.name()));
                }
                write(opened[0], cells);
            }
            count[0] += chunk.size();
        }));
        try {
            opened[0].finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return count[0];
    }

    /** Refuses, before any work is queued, an unknown entity type or attribute or field name (400). */
    void check(String entityType, @Nullable List<String> names, boolean fields) {
        attributes(records.entity(metadata.current(), entityType), names, fields);
    }

    private static void write(ExportFormat.Writer writer, List<@Nullable Object> cells) {
        try {
            writer.row(cells);
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
        return massUpdate(user, entityType, selection, data, CHUNK);
    }

    /**
     * A mass update in transactions of {@code chunk} records: a job uses small ones, so that on SQLite, where a
     * write transaction holds the only write lock, other requests' writes (sessions, changes) get in between.
     */
    Result massUpdate(CrmUser user, String entityType, Selection selection, Map<String, Object> data, int chunk) {
        Map<String, Object> changes = new LinkedHashMap<>(data);
        changes.remove("id");
        changes.remove("versionNumber"); // a mass update is not a concurrent edit of one version
        if (changes.isEmpty()) {
            throw CrmApiException.invalid("data", "Send the changes as data: {\"attribute\": value, ...}.");
        }
        return each(user, entityType, selection, Action.EDIT, chunk, id -> records.update(user, entityType, id, changes));
    }

    /** EspoCRM's mass delete (soft): every selected record the user may delete. */
    Result massDelete(CrmUser user, String entityType, Selection selection) {
        return massDelete(user, entityType, selection, CHUNK);
    }

    /** A mass delete in transactions of {@code chunk} records (see {@link #massUpdate(CrmUser, String, Selection, Map, int)}). */
    Result massDelete(CrmUser user, String entityType, Selection selection, int chunk) {
        return each(user, entityType, selection, Action.DELETE, chunk, id -> records.delete(user, entityType, id));
    }

    private Result each(CrmUser user, String entityType, Selection selection, Action action, int size,
            java.util.function.Consumer<String> act) {
        EntityDef entity = records.entity(metadata.current(), entityType);
        List<String> done = new ArrayList<>();
        int count = 0;
        String after = "";
        while (true) {
            String from = after;
            List<String> chunk = writes.execute(status -> {
                List<String> ids = queries.ids(user, metadata.current(), entity, action, selection, from, size);
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
            if (chunk.size() < size) {
                break;
            }
        }
        return new Result(count, count <= CHUNK * 5 ? done : null);
    }
}
