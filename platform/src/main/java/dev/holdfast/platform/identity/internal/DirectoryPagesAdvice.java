package dev.holdfast.platform.identity.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/** An unknown user, group or role in an admin page's address answers with the error page of its status (404). */
@ControllerAdvice(assignableTypes = {UsersAdminController.class, GroupsAdminController.class, RolesAdminController.class,
        ServiceAccountsAdminController.class})
class DirectoryPagesAdvice {

    @ExceptionHandler
    void on(DirectoryException e, HttpServletResponse response) throws IOException {
        response.sendError(e.status().value());
    }
}
