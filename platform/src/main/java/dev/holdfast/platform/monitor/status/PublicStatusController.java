package dev.holdfast.platform.monitor.status;

import dev.holdfast.platform.shared.web.PublicPaths;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Public status pages at {@code /status/<slug>}, and at {@code /} of a page's custom domain. No sign-in; cacheable
 * for 30 s with an ETag over the page's content, so a reload within the same state is a 304.
 */
@Controller
class PublicStatusController {

    static final String CACHE = "public, max-age=30";

    private final StatusPages pages;
    private final StatusPageRenderer renderer;

    PublicStatusController(StatusPages pages, StatusPageRenderer renderer) {
        this.pages = pages;
        this.renderer = renderer;
    }

    @GetMapping("/status/{slug}")
    String page(@PathVariable String slug, WebRequest request, HttpServletResponse response, Model model) {
        StatusPage page = pages.bySlug(slug).orElseThrow(() -> new NoSuchStatusPageException(slug));
        StatusPageView view = renderer.render(page);
        response.setHeader("Cache-Control", CACHE);
        response.setHeader("Content-Security-Policy", policy(view.logoUrl()));
        if (request.checkNotModified(etag(view))) {
            return null;
        }
        model.addAttribute("view", view);
        return "monitor/status/page";
    }

    /** An uploaded logo; an SVG one cannot run anything even when opened on its own (sandboxed). */
    @GetMapping("/status/{slug}/logo")
    org.springframework.http.ResponseEntity<byte[]> logo(@PathVariable String slug) {
        StatusPage page = pages.bySlug(slug).orElseThrow(() -> new NoSuchStatusPageException(slug));
        byte[] bytes = pages.logo(page).orElseThrow(() -> new NoSuchStatusPageException(slug + " logo"));
        return org.springframework.http.ResponseEntity.ok().contentType(org.springframework.http.MediaType.parseMediaType(page.logoType()))
                .header("Cache-Control", "public, max-age=300").header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox")
                .body(bytes);
    }

    @ExceptionHandler(NoSuchStatusPageException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(HttpServletResponse response) {
        response.setHeader("Cache-Control", CACHE);
        return "monitor/status/not-found";
    }

    /** The house policy, plus the logo's origin for images. */
    static String policy(String logoUrl) {
        String images = "'self' data:";
        if (logoUrl != null && logoUrl.startsWith("http")) {
            URI uri = URI.create(logoUrl);
            images += " " + uri.getScheme() + "://" + uri.getRawAuthority();
        }
        return "default-src 'self'; img-src " + images + "; style-src 'self'; script-src 'self'; connect-src 'self'; "
                + "frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'";
    }

    static String etag(Object content) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(content.toString().getBytes(StandardCharsets.UTF_8));
            return "\"" + HexFormat.of().formatHex(hash, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Serves a status page at {@code /} when the Host header is its custom domain, before sign-in is asked for. */
    static final class DomainFilter extends OncePerRequestFilter {

        private final StatusPages pages;

        DomainFilter(StatusPages pages) {
            this.pages = pages;
        }

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            return !"/".equals(request.getRequestURI()) || !("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()));
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            var slug = pages.slugForHost(request.getHeader("Host"));
            if (slug.isPresent()) {
                request.getRequestDispatcher("/status/" + slug.get()).forward(request, response);
                return;
            }
            chain.doFilter(request, response);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Paths {

        @Bean
        PublicPaths monitorStatusPaths() {
            return PublicPaths.of("/status/**", "/api/badge/**");
        }

        @Bean
        FilterRegistrationBean<DomainFilter> statusDomainFilter(StatusPages pages) {
            FilterRegistrationBean<DomainFilter> registration = new FilterRegistrationBean<>(new DomainFilter(pages));
            registration.addUrlPatterns("/*");
            registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 10);
            return registration;
        }
    }
}
