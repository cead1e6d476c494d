package dev.holdfast.platform.crm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.platform.testing.DatabaseTest;
import dev.holdfast.platform.testing.JsonClient;
import dev.holdfast.platform.testing.TestDatabase;
import dev.holdfast.platform.testing.TestNode;
import dev.holdfast.platform.testing.WebSession;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import javax.imageio.ImageIO;
import tools.jackson.databind.JsonNode;

/**
 * Attachments through EspoCRM's API: whole and chunked uploads into the object store, content types sniffed from
 * the bytes, downloads that cannot run in the browser, and access that follows the record.
 */
class AttachmentsIntegrationTests {

    private static final String PASSWORD = "correct horse battery staple";
    private final HttpClient http = HttpClient.newHttpClient();

    @DatabaseTest
    void uploadsArriveWholeOrInChunksAndAreServedSafelyToThoseWhoMayReadTheRecord(TestDatabase db) throws Exception {
        TestNode node = db.startNode(Map.of("holdfast.crm.attachment.max-chunk", "64KB", "holdfast.crm.attachment.max-size", "1MB"));
        WebSession adminSession = node.session().setUp("admin", PASSWORD);
        JsonClient admin = JsonClient.session(node, adminSession);

        byte[] png = png();
        JsonNode picture = admin.ok(admin.post("/api/v1/Attachment", "{\"name\":\"logo.png\",\"type\":\"text/plain\","
                + "\"role\":\"Attachment\",\"relatedType\":\"Case\",\"field\":\"attachments\",\"file\":\"data:text/plain;base64,"
                + Base64.getEncoder().encodeToString(png) + "\"}"));
        assertThat(picture.get("type").asString()).as("sniffed from the bytes, not the client's word").isEqualTo("image/png");
        assertThat(picture.get("size").asLong()).isEqualTo(png.length);

        // an HTML page in three chunks, claiming to be a picture
        byte[] page = ("<!DOCTYPE html><html><head><title>x</title></head><body><script>alert(1)</script>"
                + "x".repeat(150_000) + "</body></html>").getBytes(StandardCharsets.UTF_8);
        JsonNode upload = admin.ok(admin.post("/api/v1/Attachment", "{\"name\":\"cat.png\",\"type\":\"image/png\","
                + "\"relatedType\":\"Case\",\"field\":\"attachments\",\"isBeingUploaded\":true,\"size\":" + page.length + "}"));
        String pageId = upload.get("id").asString();
        assertThat(upload.get("isBeingUploaded").asBoolean()).isTrue();
        assertThat(fetch(node, adminSession, pageId).statusCode()).as("not downloadable before the last chunk").isEqualTo(409);
        int third = page.length / 3 + 1;
        for (int from = 0; from < page.length; from += third) {
            byte[] piece = Arrays.copyOfRange(page, from, Math.min(page.length, from + third));
            var chunk = admin.post("/api/v1/Attachment/chunk/" + pageId, "data:image/png;base64," + Base64.getEncoder().encodeToString(piece));
            assertThat(chunk.statusCode()).as(chunk.body()).isEqualTo(200);
        }
        assertThat(admin.post("/api/v1/Attachment/chunk/" + pageId, "data:image/png;base64,AAAA").statusCode())
                .as("nothing after the last chunk").isEqualTo(409);
        HttpResponse<byte[]> html = fetch(node, adminSession, pageId);
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.body()).as("the chunks, in order").isEqualTo(page);
        assertThat(html.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        assertThat(html.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment");
        assertThat(html.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(html.headers().firstValue("Content-Security-Policy").orElse("")).contains("sandbox");

        // the record that names them makes them its own; from then on its readers may download them
        JsonNode kase = admin.ok(admin.post("/api/v1/Case", "{\"name\":\"Broken logo\",\"attachmentsIds\":[\""
                + picture.get("id").asString() + "\"]}"));
        assertThat(admin.ok(admin.get("/api/v1/Attachment/" + picture.get("id").asString())).get("parentId").asString())
                .isEqualTo(kase.get("id").asString());
        HttpResponse<byte[]> image = fetch(node, adminSession, picture.get("id").asString());
        assertThat(image.body()).isEqualTo(png);
        assertThat(image.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(image.headers().firstValue("Content-Disposition").orElse("")).startsWith("inline");

        CrmPeople.withRole(node, adminSession, "bob", "{\"Case\": {\"read\": \"all\", \"stream\": \"all\"}}");
        WebSession bobSession = node.session().signIn("bob", PASSWORD);
        assertThat(fetch(node, bobSession, picture.get("id").asString()).statusCode())
                .as("bob may read the case, so its attachment").isEqualTo(200);
        assertThat(fetch(node, bobSession, pageId).statusCode()).as("an unattached upload is the uploader's alone").isEqualTo(404);
        assertThat(fetch(node, null, pageId).statusCode()).as("nobody signed in").isEqualTo(401);

        assertThat(field(admin.post("/api/v1/Attachment", "{\"name\":\"big.bin\",\"isBeingUploaded\":true,\"size\":5000000}")))
                .isEqualTo("size");
        assertThat(field(admin.post("/api/v1/Attachment", "{\"name\":\"x.bin\",\"file\":\"not a data uri\"}"))).isEqualTo("file");
        assertThat(field(admin.post("/api/v1/Attachment", "{\"name\":\"x.bin\",\"file\":\"data:a/b;base64,"
                + Base64.getEncoder().encodeToString(new byte[100_000]) + "\"}"))).as("larger than one chunk").isEqualTo("file");
        assertThat(field(admin.post("/api/v1/Attachment", "{\"name\":\"../etc/passwd\",\"file\":\"data:a/b;base64,AAAA\"}")))
                .isEqualTo("name");
        assertThat(field(admin.post("/api/v1/Attachment", "{\"name\":\"a.txt\",\"parentType\":\"Case\",\"file\":\"data:a/b;base64,AAAA\"}")))
                .isEqualTo("parentId");
    }

    private HttpResponse<byte[]> fetch(TestNode node, WebSession session, String id) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(node.uri("/api/v1/Attachment/file/" + id)).header("Accept", "*/*");
        if (session != null) {
            request.header("Cookie", session.cookieHeader());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String field(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        return JsonClient.json(response).get("field").asString();
    }

    private static byte[] png() throws Exception {
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        image.setRGB(3, 3, 0xff0000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
