package dev.holdfast.platform.crm.internal;

import dev.holdfast.platform.crm.access.Action;
import dev.holdfast.platform.crm.access.CrmUser;
import dev.holdfast.platform.crm.access.Ownership;
import dev.holdfast.platform.crm.access.RecordAccess;
import dev.holdfast.platform.crm.access.Scope;
import dev.holdfast.platform.shared.live.Topic;
import dev.holdfast.platform.shared.live.TopicAuthorizer;
import java.util.function.Predicate;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Live topics {@code record/<Entity>} (any change of the type's records, for lists) and {@code record/<Entity>/<id>}
 * (one record): a subscriber must be allowed to read the type, or that record. For an event on one record, who owns
 * it is read once and each subscriber's roles are checked against that (cached, no query per subscriber).
 */
@Component
class RecordTopics implements TopicAuthorizer {

    private final RecordAccess access;
    private final MetadataStore metadata;
    private final RecordQueries queries;

    RecordTopics(RecordAccess access, MetadataStore metadata, RecordQueries queries) {
        this.access = access;
        this.metadata = metadata;
        this.queries = queries;
    }

    @Override
    public String family() {
        return "record";
    }

    @Override
    public boolean mayReceive(Authentication who, Topic topic) {
        return receivers(topic).test(who);
    }

    @Override
    public Predicate<Authentication> receivers(Topic topic) {
        if (topic.path().isEmpty() || topic.path().size() > 2) {
            return who -> false;
        }
        EntityDef entity = metadata.current().entity(topic.segment(0)).orElse(null);
        if (entity == null) {
            return who -> false;
        }
        if (topic.path().size() == 1) {
            return who -> access.scope(access.user(who), entity.name(), Action.READ) != Scope.NO;
        }
        Ownership ownership = queries.ownership(entity, topic.segment(1), true);
        if (ownership == null) {
            return who -> false;
        }
        return who -> access.permits(access.user(who), entity.name(), Action.READ, ownership);
    }
}
