package dev.holdfast.platform.identity.mfa;

import static dev.holdfast.platform.identity.mfa.MfaTables.*;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.security.web.webauthn.api.AuthenticatorTransport;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.ImmutableCredentialRecord;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCose;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialType;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Spring Security's WebAuthn stores on our own tables ({@code identity_webauthn_*}) with jOOQ, because its JDBC
 * ones use fixed table names without the module prefix and TIMESTAMP columns (we keep epoch milliseconds, the same
 * on SQLite and PostgreSQL).
 */
@Repository
public class JooqPasskeys implements PublicKeyCredentialUserEntityRepository, UserCredentialRepository {

    private static final org.jooq.Table<Record> IDENTITY_USER = DSL.table(DSL.name("identity_user"));
    private static final org.jooq.Field<String> IDENTITY_USERNAME_KEY = DSL.field(DSL.name("identity_user", "username_key"), String.class);
    /** Qualified, as identity_user has a column of the same name. */
    private static final org.jooq.Field<String> PASSKEY_USERNAME_KEY = DSL.field(DSL.name("identity_webauthn_user", "username_key"), String.class);
    private static final org.jooq.Field<Boolean> IDENTITY_USER_ENABLED = DSL.field(DSL.name("identity_user", "enabled"), Boolean.class);

    private final DSLContext db;
    private final Clock clock;

    JooqPasskeys(DSLContext db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** A passkey as the account security page lists it. */
    public record Passkey(String id, String label, Instant created, Instant lastUsed) {}

    /**
     * The user behind a passkey at sign-in, and only while their account is enabled: Spring Security's WebAuthn
     * provider (7.0) does not check {@code UserDetails.isEnabled()}, so a disabled account's passkeys find nobody.
     */
    @Override
    public @Nullable PublicKeyCredentialUserEntity findById(Bytes id) {
        return db.selectFrom(WEBAUTHN_USER).where(USER_HANDLE.eq(id.toBase64UrlString()))
                .andExists(DSL.selectOne().from(IDENTITY_USER).where(IDENTITY_USERNAME_KEY.eq(PASSKEY_USERNAME_KEY))
                        .and(IDENTITY_USER_ENABLED.isTrue()))
                .fetchOptional().map(JooqPasskeys::userEntity).orElse(null);
    }

    @Override
    public @Nullable PublicKeyCredentialUserEntity findByUsername(String username) {
        return db.selectFrom(WEBAUTHN_USER).where(USERNAME_KEY.eq(key(username))).fetchOptional()
                .map(JooqPasskeys::userEntity).orElse(null);
    }

    @Override
    @Transactional
    public void save(PublicKeyCredentialUserEntity user) {
        db.insertInto(WEBAUTHN_USER).set(USER_HANDLE, user.getId().toBase64UrlString()).set(USERNAME_KEY, key(user.getName()))
                .set(DISPLAY_NAME, user.getDisplayName() == null ? user.getName() : user.getDisplayName())
                .onConflict(USER_HANDLE).doUpdate().set(DISPLAY_NAME, user.getDisplayName() == null ? user.getName() : user.getDisplayName())
                .execute();
    }

    @Override
    @Transactional
    public void delete(Bytes id) {
        // both interfaces name it delete(Bytes): a user handle removes the user entity and its credentials,
        // a credential id removes that credential
        String value = id.toBase64UrlString();
        db.deleteFrom(WEBAUTHN_CREDENTIAL).where(CREDENTIAL_ID.eq(value)).execute();
        db.deleteFrom(WEBAUTHN_CREDENTIAL).where(USER_HANDLE.eq(value)).execute();
        db.deleteFrom(WEBAUTHN_USER).where(USER_HANDLE.eq(value)).execute();
    }

    @Override
    @Transactional
    public void save(CredentialRecord record) {
        String id = record.getCredentialId().toBase64UrlString();
        long created = record.getCreated() == null ? clock.millis() : record.getCreated().toEpochMilli();
        long lastUsed = record.getLastUsed() == null ? clock.millis() : record.getLastUsed().toEpochMilli();
        String transports = record.getTransports() == null ? "" : record.getTransports().stream()
                .map(AuthenticatorTransport::getValue).collect(Collectors.joining(","));
        int updated = db.update(WEBAUTHN_CREDENTIAL).set(SIGNATURE_COUNT, record.getSignatureCount())
                .set(UV_INITIALIZED, record.isUvInitialized()).set(BACKUP_STATE, record.isBackupState())
                .set(LAST_USED_AT, lastUsed).where(CREDENTIAL_ID.eq(id)).execute();
        if (updated == 0) {
            db.insertInto(WEBAUTHN_CREDENTIAL).set(CREDENTIAL_ID, id)
                    .set(USER_HANDLE, record.getUserEntityUserId().toBase64UrlString())
                    .set(PUBLIC_KEY, record.getPublicKey().getBytes())
                    .set(SIGNATURE_COUNT, record.getSignatureCount()).set(UV_INITIALIZED, record.isUvInitialized())
                    .set(BACKUP_ELIGIBLE, record.isBackupEligible()).set(BACKUP_STATE, record.isBackupState())
                    .set(TRANSPORTS, transports)
                    .set(ATTESTATION_OBJECT, record.getAttestationObject() == null ? null : record.getAttestationObject().getBytes())
                    .set(ATTESTATION_CLIENT_DATA, record.getAttestationClientDataJSON() == null ? null
                            : record.getAttestationClientDataJSON().getBytes())
                    .set(LABEL, record.getLabel() == null || record.getLabel().isBlank() ? "Passkey" : record.getLabel())
                    .set(CREATED_AT, created).set(LAST_USED_AT, lastUsed).execute();
        }
    }

    @Override
    public @Nullable CredentialRecord findByCredentialId(Bytes credentialId) {
        return db.selectFrom(WEBAUTHN_CREDENTIAL).where(CREDENTIAL_ID.eq(credentialId.toBase64UrlString())).fetchOptional()
                .map(JooqPasskeys::credential).orElse(null);
    }

    @Override
    public List<CredentialRecord> findByUserId(Bytes userId) {
        return db.selectFrom(WEBAUTHN_CREDENTIAL).where(USER_HANDLE.eq(userId.toBase64UrlString())).orderBy(CREATED_AT)
                .fetch(JooqPasskeys::credential);
    }

    /** The user's passkeys, oldest first. */
    public List<Passkey> list(String username) {
        return db.select(CREDENTIAL_ID, LABEL, CREATED_AT, LAST_USED_AT).from(WEBAUTHN_CREDENTIAL)
                .join(WEBAUTHN_USER).using(USER_HANDLE)
                .where(USERNAME_KEY.eq(key(username))).orderBy(CREATED_AT)
                .fetch(row -> new Passkey(row.get(CREDENTIAL_ID), row.get(LABEL), Instant.ofEpochMilli(row.get(CREATED_AT)),
                        Instant.ofEpochMilli(row.get(LAST_USED_AT))));
    }

    /** Removes one of the user's passkeys; false if the user has none with that id. */
    @Transactional
    public boolean remove(String username, String credentialId) {
        @Nullable String handle = db.select(USER_HANDLE).from(WEBAUTHN_USER).where(USERNAME_KEY.eq(key(username))).fetchOne(USER_HANDLE);
        return handle != null && db.deleteFrom(WEBAUTHN_CREDENTIAL).where(CREDENTIAL_ID.eq(credentialId))
                .and(USER_HANDLE.eq(handle)).execute() == 1;
    }

    private static String key(String username) {
        return username.strip().toLowerCase(Locale.ROOT);
    }

    private static PublicKeyCredentialUserEntity userEntity(Record row) {
        return ImmutablePublicKeyCredentialUserEntity.builder().id(Bytes.fromBase64(row.get(USER_HANDLE)))
                .name(row.get(USERNAME_KEY)).displayName(row.get(DISPLAY_NAME)).build();
    }

    private static CredentialRecord credential(Record row) {
        Set<AuthenticatorTransport> transports = Arrays.stream(String.valueOf(row.get(TRANSPORTS)).split(","))
                .filter(t -> !t.isBlank() && !"null".equals(t)).map(AuthenticatorTransport::valueOf).collect(Collectors.toSet());
        byte[] attestation = row.get(ATTESTATION_OBJECT);
        byte[] clientData = row.get(ATTESTATION_CLIENT_DATA);
        return ImmutableCredentialRecord.builder()
                .credentialType(PublicKeyCredentialType.PUBLIC_KEY)
                .credentialId(Bytes.fromBase64(row.get(CREDENTIAL_ID)))
                .userEntityUserId(Bytes.fromBase64(row.get(USER_HANDLE)))
                .publicKey(new ImmutablePublicKeyCose(row.get(PUBLIC_KEY)))
                .signatureCount(row.get(SIGNATURE_COUNT))
                .uvInitialized(row.get(UV_INITIALIZED))
                .backupEligible(row.get(BACKUP_ELIGIBLE))
                .backupState(row.get(BACKUP_STATE))
                .transports(transports)
                .attestationObject(attestation == null ? null : new Bytes(attestation))
                .attestationClientDataJSON(clientData == null ? null : new Bytes(clientData))
                .label(row.get(LABEL))
                .created(Instant.ofEpochMilli(row.get(CREATED_AT)))
                .lastUsed(Instant.ofEpochMilli(row.get(LAST_USED_AT)))
                .build();
    }
}
