package dev.holdfast.platform.monitor.status;

import dev.holdfast.platform.monitor.Monitor;
import dev.holdfast.platform.monitor.Monitor.MonitorId;
import dev.holdfast.platform.monitor.MonitorStatus;
import dev.holdfast.platform.monitor.Monitors;
import dev.holdfast.platform.monitor.Uptime;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

/**
 * Shields-style SVG badges of a monitor's status, uptime and response time. Public only for monitors shown on a
 * status page; any other id is a 404, so badges reveal nothing a status page does not.
 */
@RestController
@RequestMapping("/api/badge/{monitorId}")
class BadgeController {

    static final MediaType SVG = MediaType.parseMediaType("image/svg+xml");

    private final Monitors monitors;
    private final StatusPages pages;

    BadgeController(Monitors monitors, StatusPages pages) {
        this.monitors = monitors;
        this.pages = pages;
    }

    @GetMapping("/status.svg")
    ResponseEntity<?> status(@PathVariable String monitorId, WebRequest request) {
        return publicMonitor(monitorId).<ResponseEntity<?>>map(monitor -> {
            MonitorStatus status = monitors.status(monitor.id());
            String color = switch (status.state()) {
                case UP -> "#4c1";
                case DOWN -> "#e05d44";
                case PENDING -> "#dfb317";
                case MAINTENANCE -> "#007ec6";
            };
            return badge(request, "status", status.state().name().toLowerCase(java.util.Locale.ROOT), color);
        }).orElseGet(BadgeController::notFound);
    }

    @GetMapping("/uptime.svg")
    ResponseEntity<?> uptime(@PathVariable String monitorId, @RequestParam(defaultValue = "24h") String window, WebRequest request) {
        if (!window.matches("24h|7d|30d|1y")) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Invalid window.");
            problem.setProperty("errors", java.util.Map.of("window", "one of 24h, 7d, 30d, 1y"));
            return ResponseEntity.of(problem).build();
        }
        return publicMonitor(monitorId).<ResponseEntity<?>>map(monitor -> {
            Uptime uptime = monitors.uptime(monitor.id());
            @Nullable Double share = switch (window) {
                case "7d" -> uptime.week();
                case "30d" -> uptime.month();
                case "1y" -> uptime.year();
                default -> uptime.day();
            };
            if (share == null) {
                return badge(request, "uptime " + window, "no data", "#9f9f9f");
            }
            String color = share >= 0.999 ? "#4c1" : share >= 0.99 ? "#97ca00" : share >= 0.95 ? "#dfb317" : "#e05d44";
            return badge(request, "uptime " + window, StatusPageRenderer.percent(share).replace(" ", ""), color);
        }).orElseGet(BadgeController::notFound);
    }

    @GetMapping("/response.svg")
    ResponseEntity<?> response(@PathVariable String monitorId, WebRequest request) {
        return publicMonitor(monitorId).<ResponseEntity<?>>map(monitor -> {
            Long millis = monitors.status(monitor.id()).responseMillis();
            return millis == null ? badge(request, "response", "no data", "#9f9f9f")
                    : badge(request, "response", millis + " ms", millis < 300 ? "#4c1" : millis < 1000 ? "#dfb317" : "#e05d44");
        }).orElseGet(BadgeController::notFound);
    }

    private Optional<Monitor> publicMonitor(String id) {
        try {
            MonitorId monitorId = new MonitorId(id);
            return pages.isPublic(monitorId) ? monitors.find(monitorId) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static ResponseEntity<?> notFound() {
        return ResponseEntity.of(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No public monitor with this id.")).build();
    }

    private static ResponseEntity<?> badge(WebRequest request, String label, String message, String color) {
        String svg = svg(label, message, color);
        String etag = PublicStatusController.etag(svg);
        if (request.checkNotModified(etag)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).header("Cache-Control", PublicStatusController.CACHE).build();
        }
        return ResponseEntity.ok().contentType(SVG).eTag(etag).header("Cache-Control", PublicStatusController.CACHE).body(svg);
    }

    /** A flat badge: grey label on the left, coloured message on the right; widths from an average glyph width. */
    static String svg(String label, String message, String color) {
        int left = width(label);
        int right = width(message);
        int total = left + right;
        String text = escape(label) + ": " + escape(message);
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + total + "\" height=\"20\" role=\"img\" aria-label=\"" + text + "\">"
                + "<title>" + text + "</title>"
                + "<linearGradient id=\"s\" x2=\"0\" y2=\"100%\"><stop offset=\"0\" stop-color=\"#bbb\" stop-opacity=\".1\"/><stop offset=\"1\" stop-opacity=\".1\"/></linearGradient>"
                + "<clipPath id=\"r\"><rect width=\"" + total + "\" height=\"20\" rx=\"3\" fill=\"#fff\"/></clipPath>"
                + "<g clip-path=\"url(#r)\"><rect width=\"" + left + "\" height=\"20\" fill=\"#555\"/>"
                + "<rect x=\"" + left + "\" width=\"" + right + "\" height=\"20\" fill=\"" + color + "\"/>"
                + "<rect width=\"" + total + "\" height=\"20\" fill=\"url(#s)\"/></g>"
                + "<g fill=\"#fff\" text-anchor=\"middle\" font-family=\"Verdana,Geneva,DejaVu Sans,sans-serif\" font-size=\"11\">"
                + "<text x=\"" + left / 2.0 + "\" y=\"14\">" + escape(label) + "</text>"
                + "<text x=\"" + (left + right / 2.0) + "\" y=\"14\">" + escape(message) + "</text></g></svg>";
    }

    private static int width(String text) {
        return 10 + (int) Math.ceil(text.length() * 6.5);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
