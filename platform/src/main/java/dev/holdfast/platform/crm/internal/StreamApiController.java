package dev.holdfast.platform.crm.internal;

import dev.holdfast.platform.crm.access.CrmUser;
import dev.holdfast.platform.crm.access.RecordAccess;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * EspoCRM's stream API: {@code GET /{Entity}/{id}/stream}, {@code PUT|DELETE /{Entity}/{id}/subscription} (follow,
 * unfollow), {@code POST /Note} (a post), {@code GET /Notification}, {@code GET /Notification/action/notReadCount},
 * {@code POST /Notification/action/markAllRead}.
 */
@RestController
@RequestMapping("/api/v1")
class StreamApiController {

    private static final String ENTITY = "{entityType:[A-Z][A-Za-z0-9]*}";

    private final Stream stream;
    private final RecordAccess access;

    StreamApiController(Stream stream, RecordAccess access) {
        this.stream = stream;
        this.access = access;
    }

    @GetMapping("/" + ENTITY + "/{id}/stream")
    Map<String, Object> stream(@PathVariable String entityType, @PathVariable String id, Authentication who,
            @RequestParam(defaultValue = "20") String maxSize, @RequestParam(defaultValue = "0") String offset) {
        return page(stream.stream(user(who), entityType, id, number("maxSize", maxSize, 1, 200), number("offset", offset, 0,
                Integer.MAX_VALUE)));
    }

    @PutMapping("/" + ENTITY + "/{id}/subscription")
    Map<String, Object> follow(@PathVariable String entityType, @PathVariable String id, Authentication who) {
        stream.follow(user(who), entityType, id);
        return Map.of("isFollowed", true);
    }

    @DeleteMapping("/" + ENTITY + "/{id}/subscription")
    Map<String, Object> unfollow(@PathVariable String entityType, @PathVariable String id, Authentication who) {
        stream.unfollow(user(who), entityType, id);
        return Map.of("isFollowed", false);
    }

    @PostMapping("/Note")
    Map<String, Object> post(HttpServletRequest request, Authentication who) throws IOException {
        return stream.post(user(who), RecordsApiController.body(request));
    }

    @GetMapping("/Notification")
    Map<String, Object> notifications(Authentication who, @RequestParam(defaultValue = "20") String maxSize,
            @RequestParam(defaultValue = "0") String offset) {
        return page(stream.notifications(user(who), number("maxSize", maxSize, 1, 200), number("offset", offset, 0,
                Integer.MAX_VALUE)));
    }

    @GetMapping("/Notification/action/notReadCount")
    long notReadCount(Authentication who) {
        return stream.notReadCount(user(who));
    }

    @PostMapping("/Notification/action/markAllRead")
    boolean markAllRead(Authentication who) {
        stream.markAllRead(user(who));
        return true;
    }

    @ExceptionHandler(CrmApiException.class)
    ResponseEntity<ProblemDetail> refused(CrmApiException e) {
        return RecordsApiController.problem(e);
    }

    private CrmUser user(Authentication who) {
        return access.user(who);
    }

    private static int number(String name, String value, int min, int max) {
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw CrmApiException.invalid(name, name + " must be a whole number from " + min + " to " + max + ".");
    }

    private static Map<String, Object> page(Stream.Page page) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("total", page.total());
        answer.put("list", page.list());
        return answer;
    }
}
