package dev.holdfast.platform.crm.access;

import java.util.Collection;
import java.util.List;
import org.springframework.stereotype.Component;

/** The CRM's teams by name, for the record pages' team choices. */
@Component
public class CrmTeams {

    /** A team as a form offers it. */
    public record TeamName(String id, String name) {}

    private final AccessStore store;

    CrmTeams(AccessStore store) {
        this.store = store;
    }

    /** Every team, by name. */
    public List<TeamName> all() {
        return store.teams().stream().map(team -> new TeamName(team.id(), team.name())).toList();
    }

    /** The teams with these ids (unknown ones left out), by name. */
    public List<TeamName> named(Collection<String> ids) {
        return store.teams(ids).stream().map(team -> new TeamName(team.id(), team.name())).toList();
    }
}
