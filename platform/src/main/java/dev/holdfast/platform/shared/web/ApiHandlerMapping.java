package dev.holdfast.platform.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Method;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.EmbeddedValueResolverAware;
import org.springframework.core.Ordered;
import org.springframework.util.StringValueResolver;
import org.springframework.web.accept.ContentNegotiationManager;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Finds the controller method of a request under one path prefix (e.g. the record API's {@code /api/v1/}) among
 * the methods mapped under that prefix only, before Spring MVC's own request mapping is asked.
 * <p>
 * Spring MVC looks a path with a variable in it (such as {@code /api/v1/{entityType}}) up by testing every mapping of
 * the application in turn, some 350 here: measured in bench/crm, about a tenth of the CPU of an API list request.
 * Among the few dozen mappings under the prefix the answer is the same, since a pattern outside it that could also
 * match (a catch-all) is always less specific. Anything this mapping cannot answer with a handler (no match, or
 * only a partial one that would be a 405 or 415) falls through to Spring MVC's mapping, which has the same methods
 * and answers as before. It is a plain {@link HandlerMapping}, not a request mapping bean, so that tools listing
 * the request mappings (the OpenAPI document, {@code RequestMappingHandlerMapping} injection) see each method once.
 * Not for prefixes whose controllers need handler interceptors (none registered for these).
 */
final class ApiHandlerMapping implements HandlerMapping, Ordered, ApplicationContextAware, EmbeddedValueResolverAware,
        InitializingBean {

    private final String prefix;
    private final Mappings mappings;

    /** @param prefix the path prefix after the context path, with a trailing slash, e.g. {@code /api/v1/} */
    ApiHandlerMapping(String prefix) {
        this.prefix = prefix;
        this.mappings = new Mappings(prefix);
    }

    @Override
    public void setApplicationContext(ApplicationContext context) {
        mappings.setApplicationContext(context);
        mappings.setContentNegotiationManager(context.getBean("mvcContentNegotiationManager", ContentNegotiationManager.class));
    }

    @Override
    public void setEmbeddedValueResolver(StringValueResolver resolver) {
        mappings.setEmbeddedValueResolver(resolver);
    }

    @Override
    public void afterPropertiesSet() {
        mappings.afterPropertiesSet();
    }

    @Override
    public @Nullable HandlerExecutionChain getHandler(HttpServletRequest request) throws Exception {
        if (!ServletRequestPathUtils.hasParsedRequestPath(request)
                || !ServletRequestPathUtils.getParsedRequestPath(request).pathWithinApplication().value().startsWith(prefix)) {
            return null;
        }
        return mappings.getHandler(request);
    }

    @Override
    public boolean usesPathPatterns() {
        return true;
    }

    /** First of all: before the actuator's mappings too, which never answer under an API prefix. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    /** Spring MVC's annotation mapping, keeping the methods whose every path lies under the prefix. */
    private static final class Mappings extends RequestMappingHandlerMapping {

        private final String prefix;

        Mappings(String prefix) {
            this.prefix = prefix;
        }

        @Override
        protected @Nullable RequestMappingInfo getMappingForMethod(Method method, Class<?> handlerType) {
            RequestMappingInfo info = super.getMappingForMethod(method, handlerType);
            return info != null && !info.getPatternValues().isEmpty()
                    && info.getPatternValues().stream().allMatch(pattern -> pattern.startsWith(prefix)) ? info : null;
        }

        @Override
        protected @Nullable HandlerMethod handleNoMatch(Set<RequestMappingInfo> infos, String lookupPath, HttpServletRequest request) {
            return null;
        }
    }
}
