package dev.holdfast.platform.monitor.web;

import dev.holdfast.platform.monitor.InvalidMonitorException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** What the monitoring pages' form posts share: only administrators change things, and field errors show the form again. */
final class FormSubmission {

    private FormSubmission() {}

    /**
     * Runs {@code save} (which answers the view to go to, usually a redirect); when it refuses the input with an
     * {@link InvalidMonitorException}, answers {@code showErrors} of its field errors instead: the same form again,
     * with each message at its input and nothing saved.
     */
    static String submit(Supplier<String> save, Function<Map<String, String>, String> showErrors) {
        try {
            return save.get();
        } catch (InvalidMonitorException e) {
            return showErrors.apply(e.errors());
        }
    }

    /** A 403 with {@code refusal} for anyone but an administrator. */
    static void requireAdmin(HttpServletRequest request, String refusal) {
        if (!request.isUserInRole("ADMIN")) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, refusal);
        }
    }
}
