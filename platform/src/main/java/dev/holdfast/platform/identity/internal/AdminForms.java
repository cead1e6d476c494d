package dev.holdfast.platform.identity.internal;

import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Post-redirect-get for the directory's admin pages: a refused change comes back as a message on the page. */
final class AdminForms {

    private AdminForms() {}

    /** Runs the change and redirects to where it says, or back to {@code back} with the reason it was refused. */
    static String attempt(RedirectAttributes flash, String back, Supplier<String> change) {
        try {
            String next = change.get();
            flash.addFlashAttribute("notice", "Saved.");
            return "redirect:" + next;
        } catch (DirectoryException e) {
            flash.addFlashAttribute("error", e.getMessage());
            return "redirect:" + back;
        }
    }

    /** An id from a form field; a malformed one is refused like any bad input. */
    static UUID id(@Nullable String value) {
        try {
            return UUID.fromString(value == null ? "" : value.strip());
        } catch (IllegalArgumentException e) {
            throw DirectoryException.invalid("Choose an entry from the list.");
        }
    }

    static @Nullable UUID optionalId(@Nullable String value) {
        return value == null || value.isBlank() ? null : id(value);
    }
}
