package dev.holdfast.platform.crm.internal;

import dev.holdfast.platform.crm.access.CrmUser;
import dev.holdfast.platform.crm.access.RecordAccess;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * EspoCRM's attachment API: {@code POST /Attachment} (whole file as a data URI, or {@code isBeingUploaded} with the
 * size), {@code POST /Attachment/chunk/{id}} (a data URI per piece), {@code GET /Attachment/{id}} and
 * {@code GET /Attachment/file/{id}}. Downloads carry headers that keep a browser from running what it gets: only
 * raster images are shown inline; everything else (HTML and SVG above all) is a download with
 * {@code X-Content-Type-Options: nosniff} and a sandboxing Content-Security-Policy.
 */
@RestController
@RequestMapping("/api/v1/Attachment")
class AttachmentsApiController {

    private static final Set<String> INLINE = Set.of("image/png", "image/jpeg", "image/gif", "image/webp", "image/bmp");
    private static final Set<String> NEVER_AS_IS = Set.of("text/html", "application/xhtml+xml", "image/svg+xml",
            "text/xml", "application/xml", "text/javascript", "application/javascript", "application/x-shockwave-flash");

    private final Attachments attachments;
    private final RecordAccess access;
    private final AttachmentSettings settings;

    AttachmentsApiController(Attachments attachments, RecordAccess access, AttachmentSettings settings) {
        this.attachments = attachments;
        this.access = access;
        this.settings = settings;
    }

    @PostMapping
    Map<String, Object> create(HttpServletRequest request, Authentication who) throws IOException {
        String json = new String(read(request, settings.maxChunk().toBytes() * 4 / 3 + 64 * 1024), StandardCharsets.UTF_8);
        Map<String, Object> body;
        try {
            body = Json.readMap(json);
        } catch (RuntimeException e) {
            throw CrmApiException.invalid("body", "The body is not a JSON object.");
        }
        return attachments.create(user(who), body).json();
    }

    @PostMapping("/chunk/{id}")
    Map<String, Object> chunk(@PathVariable String id, HttpServletRequest request, Authentication who) throws IOException {
        String dataUri = new String(read(request, settings.maxChunk().toBytes() * 4 / 3 + 1024), StandardCharsets.US_ASCII);
        return attachments.appendChunk(user(who), id, dataUri).json();
    }

    @GetMapping("/{id}")
    Map<String, Object> read(@PathVariable String id, Authentication who) {
        return attachments.read(user(who), id).json();
    }

    @GetMapping("/file/{id}")
    ResponseEntity<InputStreamResource> file(@PathVariable String id, Authentication who) {
        Attachments.Download download = attachments.download(user(who), id);
        Attachments.Attachment attachment = download.attachment();
        String type = attachment.type().toLowerCase(Locale.ROOT);
        boolean inline = INLINE.contains(type);
        MediaType sent = NEVER_AS_IS.contains(type) || type.startsWith("text/html") ? MediaType.APPLICATION_OCTET_STREAM
                : MediaType.parseMediaType(attachment.type());
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(sent);
        headers.setContentLength(attachment.size());
        headers.setContentDisposition((inline ? ContentDisposition.inline() : ContentDisposition.attachment())
                .filename(attachment.name(), StandardCharsets.UTF_8).build());
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Content-Security-Policy", "default-src 'none'; sandbox");
        headers.setCacheControl("private, no-cache");
        return ResponseEntity.ok().headers(headers).body(new InputStreamResource(download.content()));
    }

    @ExceptionHandler(CrmApiException.class)
    ResponseEntity<ProblemDetail> refused(CrmApiException e) {
        return RecordsApiController.problem(e);
    }

    private CrmUser user(Authentication who) {
        return access.user(who);
    }

    private static byte[] read(HttpServletRequest request, long max) throws IOException {
        if (request.getContentLengthLong() > max) {
            throw CrmApiException.invalid("body", "The request body is larger than " + max / 1024 + " KB.");
        }
        try (InputStream in = request.getInputStream()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (bytes.length > max) {
                throw CrmApiException.invalid("body", "The request body is larger than " + max / 1024 + " KB.");
            }
            return bytes;
        }
    }
}
