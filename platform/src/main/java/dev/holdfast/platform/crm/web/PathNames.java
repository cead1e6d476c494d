package dev.holdfast.platform.crm.web;

import dev.holdfast.platform.crm.internal.WebRecords;
import dev.holdfast.platform.crm.internal.WebRecords.EntityInfo;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * The entity type and record id in a CRM page's path, checked the same way on every page: anything that is not a
 * well-formed name of a type the user may see, or a well-formed id, is a 404 (never a 500, never a hint that it exists).
 */
final class PathNames {

    static final Pattern ENTITY = Pattern.compile("[A-Z][A-Za-z0-9]{0,99}");
    static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private PathNames() {
    }

    /** The entity type named in the path; 404 when malformed or unknown to this user. */
    static EntityInfo entity(WebRecords records, String name) {
        if (!ENTITY.matcher(name).matches()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return records.entity(name).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    /** The record id named in the path; 404 when malformed. */
    static String id(String id) {
        if (!ID.matcher(id).matches()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return id;
    }
}
