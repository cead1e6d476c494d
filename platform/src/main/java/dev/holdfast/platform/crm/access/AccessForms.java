package dev.holdfast.platform.crm.access;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Supplier;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Post-redirect-get for the access admin pages: a refused change comes back as a message on the page; an unknown
 * role or team in the address answers with the error page of its status (404).
 */
@ControllerAdvice(assignableTypes = {CrmRolesAdminController.class, CrmTeamsAdminController.class, CrmGroupMappingsAdminController.class})
class AccessForms {

    /** Runs the change and redirects to where it says, or back to {@code back} with the reason it was refused. */
    static String attempt(RedirectAttributes flash, String back, Supplier<String> change) {
        try {
            String next = change.get();
            flash.addFlashAttribute("notice", "Saved.");
            return "redirect:" + next;
        } catch (AccessException e) {
            flash.addFlashAttribute("error", e.getMessage());
            return "redirect:" + back;
        }
    }

    @ExceptionHandler
    void on(AccessException e, HttpServletResponse response) throws IOException {
        response.sendError(e.status().value());
    }
}
