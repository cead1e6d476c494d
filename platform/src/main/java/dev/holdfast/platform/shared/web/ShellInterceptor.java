package dev.holdfast.platform.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Method;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.context.request.async.WebAsyncTask;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.view.RedirectView;

/**
 * Puts the {@link Shell} into the model of every page a controller renders, as {@code shell}.
 * <p>
 * It was a {@code @ModelAttribute} of a {@code @ControllerAdvice} for {@code @Controller}s, which Spring MVC also
 * applies to every {@code @RestController} (a {@code @Controller} too): per API request an annotation search, a
 * handler method made for the model method, then the shell computed and thrown away (measured in bench/crm: about
 * 5 % of an API list request's CPU). Now the shell is made only for a handler method that can render a view: one of
 * a {@code @Controller} that is not {@code @ResponseBody}, or that returns a view, a model or an asynchronous
 * result. It is made before the handler runs, as a model attribute was (so a handler that signs someone in renders
 * the shell of the request as it came), and added after, unless the handler put its own {@code shell} into the
 * model, and never to a redirect (whose model Spring MVC does not take from the page's model either).
 */
@Component
class ShellInterceptor implements HandlerInterceptor, WebMvcConfigurer {

    private static final String ATTRIBUTE = ShellInterceptor.class.getName() + ".shell";

    private final List<NavigationItem> navigation;
    private final Map<Method, Boolean> rendersPages = new ConcurrentHashMap<>();

    ShellInterceptor(List<NavigationItem> navigation) {
        this.navigation = navigation.stream().sorted(Comparator.comparingInt(NavigationItem::order)).toList();
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod method
                && rendersPages.computeIfAbsent(method.getMethod(), m -> mayRenderPage(method))) {
            request.setAttribute(ATTRIBUTE, shell(request));
        }
        return true;
    }

    @Override
    public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
            @Nullable ModelAndView page) {
        if (page != null && request.getAttribute(ATTRIBUTE) instanceof Shell shell && !isRedirect(page)) {
            page.getModelMap().putIfAbsent("shell", shell);
        }
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
            @Nullable Exception exception) {
        request.removeAttribute(ATTRIBUTE);
    }

    /** Whether the method's answer can be a page: what Spring MVC applied the model attribute to, less API bodies. */
    static boolean mayRenderPage(HandlerMethod handler) {
        if (!AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), Controller.class)) {
            return false;
        }
        boolean body = AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), ResponseBody.class)
                || handler.hasMethodAnnotation(ResponseBody.class);
        Class<?> type = handler.getMethod().getReturnType();
        return !body || type.isAssignableFrom(ModelAndView.class) || ModelAndView.class.isAssignableFrom(type)
                || View.class.isAssignableFrom(type) || Model.class.isAssignableFrom(type)
                || Callable.class.isAssignableFrom(type) || DeferredResult.class.isAssignableFrom(type)
                || CompletionStage.class.isAssignableFrom(type) || WebAsyncTask.class.isAssignableFrom(type);
    }

    private static boolean isRedirect(ModelAndView page) {
        return page.getView() instanceof RedirectView
                || (page.getViewName() != null && page.getViewName().startsWith("redirect:"));
    }

    private Shell shell(HttpServletRequest request) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        boolean signedIn = auth != null && auth.isAuthenticated() && !"anonymousUser".equals(auth.getPrincipal());
        boolean admin = signedIn && auth.getAuthorities().stream().anyMatch(a -> "ROLE_ADMIN".equals(a.getAuthority()));
        List<NavigationItem> visible = signedIn
                ? navigation.stream().filter(item -> admin || !item.adminOnly()).toList()
                : List.of();
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        return new Shell(visible, signedIn ? auth.getName() : null, admin, request.getRequestURI(),
                csrf == null ? null : csrf.getHeaderName(), csrf == null ? null : csrf.getToken(),
                csrf == null ? null : csrf.getParameterName());
    }
}
