package dev.holdfast.platform.crm.internal;

import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.table;
import static org.jooq.impl.DSL.trueCondition;

import dev.holdfast.platform.crm.access.Action;
import dev.holdfast.platform.crm.access.CrmUser;
import dev.holdfast.platform.crm.access.RecordAccess;
import dev.holdfast.platform.crm.access.Scope;
import dev.holdfast.platform.crm.internal.RecordQueries.ListRequest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The record store as the CRM's own web pages ({@code crm.web}) see it: the same {@link Records} calls as the API
 * (so access control, metadata and validation are the same), with the metadata and refusals in public shapes.
 */
@Service
public class WebRecords {

    /** An entity type as pages need it: fields in order, links, and whether records have a name. */
    public record EntityInfo(String name, boolean named, boolean assignedUser, List<FieldInfo> fields, List<LinkInfo> links) {

        public Optional<FieldInfo> field(String fieldName) {
            return fields.stream().filter(f -> f.name().equals(fieldName)).findFirst();
        }

        public Optional<LinkInfo> link(String linkName) {
            return links.stream().filter(l -> l.name().equals(linkName)).findFirst();
        }
    }

    /**
     * A field: {@code type} is EspoCRM's type name; {@code target} the entity type a link field points at;
     * {@code attributes} the record attributes that hold its value.
     */
    public record FieldInfo(String name, String type, boolean required, boolean readOnly, boolean system,
            @Nullable Integer maxLength, List<String> options, @Nullable String target, List<String> attributes) {}

    /**
     * A link: {@code kind} is EspoCRM's link type ({@code hasMany}, {@code manyMany}, ...); {@code entityList} the types a
     * parent link ({@code belongsToParent}) may point at.
     */
    public record LinkInfo(String name, String kind, @Nullable String entity, List<String> entityList) {}

    /** A page of records; {@code more}: another page follows. */
    public record PageInfo(List<Map<String, Object>> list, boolean more) {}

    /** A sum per group: {@code currency} is null unless the summed field is a currency. */
    public record Sum(@Nullable String group, @Nullable String currency, double total, long count) {}

    /**
     * A refusal of the record store: {@code status} 400 (with the {@code field} at fault), 403, 404 or 409
     * ({@code extra} says why: {@code reason} {@code modified} or {@code Duplicate}).
     */
    public static final class RefusedException extends RuntimeException {

        private final HttpStatus status;
        private final @Nullable String field;
        private final Map<String, Object> extra;

        RefusedException(CrmApiException cause) {
            super(cause.getMessage(), cause);
            this.status = cause.status();
            this.field = cause.field();
            this.extra = cause.extra();
        }

        public HttpStatus status() {
            return status;
        }

        public @Nullable String field() {
            return field;
        }

        public Map<String, Object> extra() {
            return extra;
        }
    }

    private final Records records;
    private final RecordQueries queries;
    private final MetadataStore metadata;
    private final RecordAccess access;
    private final DSLContext db;

    WebRecords(Records records, RecordQueries queries, MetadataStore metadata, RecordAccess access, DSLContext db) {
        this.records = records;
        this.queries = queries;
        this.metadata = metadata;
        this.access = access;
        this.db = db;
    }

    public CrmUser user(Authentication who) {
        return access.user(who);
    }

    public List<EntityInfo> entities() {
        return metadata.current().all().stream().map(WebRecords::info).toList();
    }

    public Optional<EntityInfo> entity(String name) {
        return metadata.current().entity(name).map(WebRecords::info);
    }

    public boolean may(CrmUser user, String entityType, Action action) {
        return access.scope(user, entityType, action) != Scope.NO;
    }

    /** Whether the user may change the field (a form leaves out the fields they may not). */
    public boolean mayEdit(CrmUser user, String entityType, String field) {
        return access.canEdit(user, entityType, field);
    }

    /**
     * A page of records, newest first unless ordered; {@code where} holds EspoCRM's {@code where[...]} parameters
     * (checked as the API checks them); {@code nameContains} keeps records whose name contains the text, ignoring
     * case on both databases.
     */
    @Transactional(readOnly = true)
    public PageInfo list(CrmUser user, String entityType, int maxSize, int offset, @Nullable String orderBy, boolean descending,
            @Nullable String nameContains, Map<String, String[]> where) {
        return refusing(() -> {
            Metadata current = metadata.current();
            EntityDef entity = records.entity(current, entityType);
            Condition extra = trueCondition();
            if (nameContains != null && !nameContains.isBlank() && entity.nameAttribute() != null) {
                String pattern = "%" + nameContains.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
                extra = field(name(entity.table(), "name"), String.class).likeIgnoreCase(pattern, '\\');
            }
            var page = queries.list(user, current, entity, new ListRequest(maxSize, offset, orderBy, descending, null,
                    WhereItem.fromParameters(where), List.of(), false), extra, null);
            return new PageInfo(page.list(), page.total() == -1);
        });
    }

    public Map<String, Object> read(CrmUser user, String entityType, String id) {
        return refusing(() -> records.read(user, entityType, id));
    }

    public Map<String, Object> create(CrmUser user, String entityType, Map<String, Object> body, boolean skipDuplicateCheck) {
        return refusing(() -> records.create(user, entityType, body, skipDuplicateCheck));
    }

    /** Updates; a {@code versionNumber} in the body must be the record's current one (else 409, reason modified). */
    public Map<String, Object> update(CrmUser user, String entityType, String id, Map<String, Object> body) {
        return refusing(() -> records.update(user, entityType, id, body));
    }

    public void delete(CrmUser user, String entityType, String id) {
        refusing(() -> {
            records.delete(user, entityType, id);
            return true;
        });
    }

    /** The first records of a related list (a hasMany, manyMany or hasChildren link). */
    public PageInfo related(CrmUser user, String entityType, String id, String link, int maxSize) {
        return refusing(() -> {
            var page = records.related(user, entityType, id, link, new ListRequest(maxSize, 0, null, true, null, List.of(), List.of(), false));
            return new PageInfo(page.list(), page.total() == -1);
        });
    }

    /**
     * Sums of a number or currency attribute per value of another attribute (and per currency), over the records the
     * user may read: one GROUP BY with the access condition inside.
     */
    @Transactional(readOnly = true)
    public List<Sum> sums(CrmUser user, String entityType, String groupBy, String sumOf) {
        return refusing(() -> {
            Metadata current = metadata.current();
            EntityDef entity = records.entity(current, entityType);
            if (access.scope(user, entity.name(), Action.READ) == Scope.NO) {
                throw CrmApiException.forbidden("You may not read " + entity.name() + " records.");
            }
            Attribute group = stored(entity, groupBy);
            Attribute summed = stored(entity, sumOf);
            if (!access.canRead(user, entity.name(), group.field().name()) || !access.canRead(user, entity.name(), summed.field().name())) {
                return List.<Sum>of();
            }
            Table<?> table = table(name(entity.table()));
            Field<?> groupField = WhereConditions.column(entity, group);
            Attribute currency = summed.field().type() == FieldType.CURRENCY ? stored(entity, sumOf + "Currency") : null;
            Field<?> currencyField = currency == null ? null : WhereConditions.column(entity, currency);
            Field<BigDecimal> total = sum(field(name(entity.table(), Objects.requireNonNull(summed.column())), Double.class));
            List<Field<?>> groups = new ArrayList<>();
            groups.add(groupField);
            if (currencyField != null) {
                groups.add(currencyField);
            }
            List<Field<?>> select = new ArrayList<>(groups);
            select.add(total);
            select.add(count());
            Condition where = RecordQueries.notDeleted(entity).and(access.condition(user, entity.name(), Action.READ, new AccessTable(entity)));
            return db.select(select).from(table).where(where).groupBy(groups).fetch().map(row -> new Sum(
                    row.get(0) == null ? null : row.get(0).toString(),
                    currencyField == null || row.get(1) == null ? null : row.get(1).toString(),
                    row.get(total) == null ? 0 : row.get(total).doubleValue(), row.get(select.size() - 1, Long.class)));
        });
    }

    private static Attribute stored(EntityDef entity, String attribute) {
        return entity.attribute(attribute).filter(Attribute::stored).orElseThrow(() -> CrmApiException.invalid(attribute,
                "Unknown attribute '" + WhereItem.shorten(attribute) + "' of " + entity.name() + "."));
    }

    private static EntityInfo info(EntityDef entity) {
        List<FieldInfo> fields = new ArrayList<>();
        for (FieldDef field : entity.fields().values()) {
            List<String> attributes = entity.attributes().values().stream().filter(a -> a.field() == field).map(Attribute::name).toList();
            String target = field.type() == FieldType.LINK || field.type() == FieldType.LINK_MULTIPLE
                    ? entity.link(field.name()).map(LinkDef::entity).orElse(null) : null;
            fields.add(new FieldInfo(field.name(), field.type().espoName(), field.required(), field.readOnly(),
                    Names.SYSTEM_FIELDS.contains(field.name()), field.maxLength(), field.options(), target, attributes));
        }
        List<LinkInfo> links = entity.links().values().stream().map(l -> new LinkInfo(l.name(), l.kind().espoName, l.entity(), l.entityList())).toList();
        return new EntityInfo(entity.name(), entity.nameAttribute() != null, entity.hasAssignedUser(), fields, links);
    }

    private static <T> T refusing(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (CrmApiException e) {
            throw new RefusedException(e);
        }
    }
}
