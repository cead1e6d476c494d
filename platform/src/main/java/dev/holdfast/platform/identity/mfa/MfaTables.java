package dev.holdfast.platform.identity.mfa;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/** Column names of the second-factor tables (V20) for jOOQ. */
final class MfaTables {

    static final Field<String> USER_ID = field(name("user_id"), String.class);

    static final Table<Record> TOTP = table(name("identity_mfa_totp"));
    static final Field<String> SECRET = field(name("secret"), String.class);
    static final Field<Long> CREATED_AT = field(name("created_at"), Long.class);
    static final Field<Long> CONFIRMED_AT = field(name("confirmed_at"), Long.class);
    static final Field<Long> LAST_STEP = field(name("last_step"), Long.class);

    static final Table<Record> RECOVERY_CODE = table(name("identity_mfa_recovery_code"));
    static final Field<String> CODE_HASH = field(name("code_hash"), String.class);
    static final Field<Long> USED_AT = field(name("used_at"), Long.class);

    static final Table<Record> CHANNEL = table(name("identity_mfa_channel"));
    static final Field<Boolean> EMAIL_ENABLED = field(name("email_enabled"), Boolean.class);
    static final Field<String> SMS_PHONE = field(name("sms_phone"), String.class);

    static final Table<Record> CODE = table(name("identity_mfa_code"));
    static final Field<String> CODE_CHANNEL = field(name("channel"), String.class);
    static final Field<Long> EXPIRES_AT = field(name("expires_at"), Long.class);

    static final Table<Record> ATTEMPT = table(name("identity_mfa_attempt"));
    static final Field<Integer> FAILURES = field(name("failures"), Integer.class);
    static final Field<Long> WINDOW_START = field(name("window_start"), Long.class);

    static final Table<Record> WEBAUTHN_USER = table(name("identity_webauthn_user"));
    static final Field<String> USER_HANDLE = field(name("user_handle"), String.class);
    static final Field<String> USERNAME_KEY = field(name("username_key"), String.class);
    static final Field<String> DISPLAY_NAME = field(name("display_name"), String.class);

    static final Table<Record> WEBAUTHN_CREDENTIAL = table(name("identity_webauthn_credential"));
    static final Field<String> CREDENTIAL_ID = field(name("credential_id"), String.class);
    static final Field<byte[]> PUBLIC_KEY = field(name("public_key"), byte[].class);
    static final Field<Long> SIGNATURE_COUNT = field(name("signature_count"), Long.class);
    static final Field<Boolean> UV_INITIALIZED = field(name("uv_initialized"), Boolean.class);
    static final Field<Boolean> BACKUP_ELIGIBLE = field(name("backup_eligible"), Boolean.class);
    static final Field<Boolean> BACKUP_STATE = field(name("backup_state"), Boolean.class);
    static final Field<String> TRANSPORTS = field(name("transports"), String.class);
    static final Field<byte[]> ATTESTATION_OBJECT = field(name("attestation_object"), byte[].class);
    static final Field<byte[]> ATTESTATION_CLIENT_DATA = field(name("attestation_client_data_json"), byte[].class);
    static final Field<String> LABEL = field(name("label"), String.class);
    static final Field<Long> LAST_USED_AT = field(name("last_used_at"), Long.class);

    private MfaTables() {}

    /** Lower-case hex SHA-256 of the text (UTF-8). */
    static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
