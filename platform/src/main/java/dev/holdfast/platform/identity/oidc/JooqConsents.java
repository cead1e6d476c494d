package dev.holdfast.platform.identity.oidc;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.util.Arrays;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.transaction.annotation.Transactional;

/** What each user allowed each application (scopes), so they are asked once. */
class JooqConsents implements OAuth2AuthorizationConsentService {

    static final Table<Record> CONSENT = table(name("identity_oidc_consent"));
    static final Field<String> CLIENT_ID = field(name("client_id"), String.class);
    static final Field<String> PRINCIPAL = field(name("principal_name"), String.class);
    static final Field<String> AUTHORITIES = field(name("authorities"), String.class);

    private final DSLContext db;

    JooqConsents(DSLContext db) {
        this.db = db;
    }

    @Override
    @Transactional
    public void save(OAuth2AuthorizationConsent consent) {
        String authorities = String.join(" ", consent.getAuthorities().stream().map(GrantedAuthority::getAuthority).sorted().toList());
        int updated = db.update(CONSENT).set(AUTHORITIES, authorities)
                .where(CLIENT_ID.eq(consent.getRegisteredClientId()).and(PRINCIPAL.eq(consent.getPrincipalName()))).execute();
        if (updated == 0) {
            db.insertInto(CONSENT).set(CLIENT_ID, consent.getRegisteredClientId()).set(PRINCIPAL, consent.getPrincipalName())
                    .set(AUTHORITIES, authorities).execute();
        }
    }

    @Override
    @Transactional
    public void remove(OAuth2AuthorizationConsent consent) {
        db.deleteFrom(CONSENT).where(CLIENT_ID.eq(consent.getRegisteredClientId()).and(PRINCIPAL.eq(consent.getPrincipalName())))
                .execute();
    }

    @Override
    public @Nullable OAuth2AuthorizationConsent findById(String registeredClientId, String principalName) {
        String authorities = db.select(AUTHORITIES).from(CONSENT)
                .where(CLIENT_ID.eq(registeredClientId).and(PRINCIPAL.eq(principalName))).fetchOne(AUTHORITIES);
        if (authorities == null) {
            return null;
        }
        OAuth2AuthorizationConsent.Builder builder = OAuth2AuthorizationConsent.withId(registeredClientId, principalName);
        Arrays.stream(authorities.split(" ")).filter(a -> !a.isBlank())
                .forEach(a -> builder.authority(new SimpleGrantedAuthority(a)));
        return builder.build();
    }
}
