package dev.holdfast.platform.identity.mfa;

import static dev.holdfast.platform.identity.mfa.MfaTables.*;

import dev.holdfast.platform.identity.UserAccount.UserId;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jooq.DSLContext;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Ten single-use recovery codes per user, shown once and stored as SHA-256 hashes (each code carries 50 random
 * bits, so a slow hash would add nothing). Regenerating replaces every code.
 */
@Service
public class RecoveryCodes {

    static final int COUNT = 10;
    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

    private final DSLContext db;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    RecoveryCodes(DSLContext db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Replaces the user's codes with ten new ones and returns them (the only time they can be seen). */
    @Transactional
    public List<String> regenerate(UserId user) {
        db.deleteFrom(RECOVERY_CODE).where(USER_ID.eq(user.toString())).execute();
        List<String> codes = new ArrayList<>();
        long now = clock.millis();
        for (int i = 0; i < COUNT; i++) {
            String code = newCode();
            codes.add(code);
            db.insertInto(RECOVERY_CODE).set(USER_ID, user.toString()).set(CODE_HASH, hash(user, code))
                    .set(CREATED_AT, now).execute();
        }
        return codes;
    }

    /** Unused codes left. */
    public int remaining(UserId user) {
        return db.fetchCount(RECOVERY_CODE, USER_ID.eq(user.toString()).and(USED_AT.isNull()));
    }

    /** Uses up a code; false if it is wrong or was used before. */
    @Transactional
    public boolean use(UserId user, String code) {
        return db.update(RECOVERY_CODE).set(USED_AT, clock.millis())
                .where(USER_ID.eq(user.toString())).and(CODE_HASH.eq(hash(user, code))).and(USED_AT.isNull())
                .execute() == 1;
    }

    private String newCode() {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            if (i == 5) {
                code.append('-');
            }
            code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    private static String hash(UserId user, String code) {
        String normal = code.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return sha256(user + ":" + normal);
    }
}
