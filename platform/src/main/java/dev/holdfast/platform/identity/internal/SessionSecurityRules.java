package dev.holdfast.platform.identity.internal;

import dev.holdfast.platform.identity.SessionSecurity;
import org.jooq.DSLContext;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.stereotype.Component;

/** The same session filters as the main chain ({@link SecurityConfiguration}), for other modules' chains. */
@Component
class SessionSecurityRules implements SessionSecurity {

    private final DSLContext db;
    private final JooqUsers users;
    private final SessionRulesFilter sessionRules;

    SessionSecurityRules(DSLContext db, JooqUsers users, SessionRulesFilter sessionRules) {
        this.db = db;
        this.users = users;
        this.sessionRules = sessionRules;
    }

    @Override
    public void applyTo(HttpSecurity http) {
        http.addFilterBefore(new AuthorityRefresh(db, users), AuthorizationFilter.class);
        http.addFilterAfter(sessionRules, AuthorizationFilter.class);
    }
}
