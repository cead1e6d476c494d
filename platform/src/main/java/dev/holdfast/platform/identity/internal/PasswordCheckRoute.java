package dev.holdfast.platform.identity.internal;

import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import org.springframework.web.util.HtmlUtils;

/**
 * Live feedback while a password is typed ({@code POST /password/check}, htmx, on every page where one is chosen):
 * every rule but the history, which needs the user and is checked on submit. A pure function of its input, so it
 * is exempt from CSRF and, unlike a page, never touches the session: a check still in flight when the form's own
 * submit signs the person in (and renews the session id) must not come back with a new, empty session cookie.
 */
@Configuration(proxyBeanMethods = false)
class PasswordCheckRoute {

    static final String PATH = "/password/check";

    @Bean
    RouterFunction<ServerResponse> passwordCheck(PasswordPolicy policy) {
        return RouterFunctions.route().POST(PATH, request -> check(policy, request)).build();
    }

    private static ServerResponse check(PasswordPolicy policy, ServerRequest request) {
        String password = request.param("password").orElse("");
        Optional<String> username = request.param("username").filter(name -> !name.isBlank());
        StringBuilder html = new StringBuilder();
        if (!password.isEmpty()) {
            PasswordPolicy.Verdict verdict = policy.check(password, username.orElse(null), null, null, null);
            if (verdict.acceptable()) {
                html.append("<small class=\"ok\">This password meets the rules.</small>");
            }
            verdict.problems().forEach(problem -> html.append("<small class=\"error\">")
                    .append(HtmlUtils.htmlEscape(problem)).append("</small>"));
            verdict.suggestions().forEach(suggestion -> html.append("<small class=\"muted\">")
                    .append(HtmlUtils.htmlEscape(suggestion)).append("</small>"));
        }
        return ServerResponse.ok().contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .header("Cache-Control", "no-store").body(html.toString());
    }
}
