package dev.holdfast.platform.crm.web;

import dev.holdfast.platform.crm.access.CrmUser;
import dev.holdfast.platform.crm.internal.WebRecords;
import dev.holdfast.platform.crm.internal.WebRecords.EntityInfo;
import dev.holdfast.platform.crm.internal.WebRecords.RefusedException;
import dev.holdfast.platform.crm.internal.WebStream;
import dev.holdfast.platform.crm.internal.WebStream.StreamPage;
import dev.holdfast.platform.crm.internal.WebStream.Upload;
import dev.holdfast.platform.crm.web.Views.Bell;
import dev.holdfast.platform.crm.web.Views.NotificationsPage;
import dev.holdfast.platform.crm.web.Views.StreamPanel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A record's stream on its detail page (the entries, a post form with @mentions and files, follow and unfollow) and
 * the user's notifications (the bell in the CRM navigation, the list, mark read). Both re-fetch themselves on their
 * live topics: {@code record/<Entity>/<id>} (kind {@code stream}) and {@code notifications/<userId>}.
 */
@Controller
@RequestMapping("/crm")
class StreamPages {

    static final int STREAM_SIZE = 20;
    static final int NOTIFICATIONS_SIZE = 50;
    private static final Pattern ENTITY = PathNames.ENTITY;
    private static final Pattern ID = PathNames.ID;

    private final WebRecords records;
    private final WebStream stream;

    StreamPages(WebRecords records, WebStream stream) {
        this.records = records;
        this.stream = stream;
    }

    /** The record's stream panel, or null when the user may not see its stream. */
    static @Nullable StreamPanel panel(WebStream stream, CrmUser user, String entityType, String id, @Nullable String error,
            @Nullable String draft) {
        StreamPage page;
        try {
            page = stream.stream(user, entityType, id, STREAM_SIZE);
        } catch (RefusedException e) {
            if (e.status() == HttpStatus.FORBIDDEN) {
                return null;
            }
            throw e;
        }
        return new StreamPanel("/crm/" + entityType + "/" + id, "record/" + entityType + "/" + id,
                page.notes().stream().map(note -> StreamViews.item(entityType, note, page.attachmentNames())).toList(),
                page.more(), page.following(), error, draft == null ? "" : draft);
    }

    /** The entries alone: what the panel re-fetches on a live update. */
    @GetMapping("/{entityType}/{id}/stream")
    String items(@PathVariable String entityType, @PathVariable String id, Authentication who, Model model) {
        EntityInfo entity = entity(entityType);
        StreamPanel panel = panel(stream, records.user(who), entity.name(), id(id), null, null);
        if (panel == null) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "You may not see the stream of " + entity.name() + " records.");
        }
        model.addAttribute("panel", panel);
        return "crm/stream-items";
    }

    @PostMapping("/{entityType}/{id}/stream")
    String post(@PathVariable String entityType, @PathVariable String id, @RequestParam(defaultValue = "") String post,
            @RequestParam(name = "files", required = false) @Nullable List<MultipartFile> files, Authentication who,
            RedirectAttributes flash) throws IOException {
        EntityInfo entity = entity(entityType);
        String back = "redirect:/crm/" + entity.name() + "/" + id(id) + "#stream";
        List<Upload> uploads = new ArrayList<>();
        for (MultipartFile file : files == null ? List.<MultipartFile>of() : files) {
            if (!file.isEmpty()) {
                String name = file.getOriginalFilename() == null || file.getOriginalFilename().isBlank() ? "file" : file.getOriginalFilename();
                uploads.add(new Upload(name.length() > 255 ? name.substring(0, 255) : name, file.getBytes()));
            }
        }
        try {
            stream.post(records.user(who), entity.name(), id, post, uploads);
        } catch (RefusedException e) {
            if (e.status() != HttpStatus.BAD_REQUEST) {
                throw new ResponseStatusException(e.status(), e.getMessage());
            }
            flash.addFlashAttribute("streamError", e.getMessage());
            flash.addFlashAttribute("streamDraft", post);
        }
        return back;
    }

    @PostMapping("/{entityType}/{id}/follow")
    String follow(@PathVariable String entityType, @PathVariable String id, Authentication who) {
        return following(entityType, id, who, true);
    }

    @PostMapping("/{entityType}/{id}/unfollow")
    String unfollow(@PathVariable String entityType, @PathVariable String id, Authentication who) {
        return following(entityType, id, who, false);
    }

    private String following(String entityType, String id, Authentication who, boolean follow) {
        EntityInfo entity = entity(entityType);
        try {
            stream.follow(records.user(who), entity.name(), id(id), follow);
        } catch (RefusedException e) {
            throw new ResponseStatusException(e.status(), e.getMessage());
        }
        return "redirect:/crm/" + entity.name() + "/" + id + "#stream";
    }

    // --- notifications ---

    @GetMapping("/notifications")
    String notifications(Authentication who, Model model) {
        CrmUser user = records.user(who);
        var page = stream.notifications(user, NOTIFICATIONS_SIZE);
        model.addAttribute("page", new NotificationsPage(CrmPages.nav(records, stream, user, "notifications"),
                page.list().stream().map(StreamViews::notification).toList(), page.unread(), page.total()));
        return "crm/notifications";
    }

    /** The bell alone: what it re-fetches when a notification arrives. */
    @GetMapping("/notifications/bell")
    String bell(Authentication who, Model model) {
        CrmUser user = records.user(who);
        model.addAttribute("bell", new Bell(stream.unread(user), user.userId()));
        return "crm/bell";
    }

    @PostMapping("/notifications/read")
    String markAllRead(Authentication who) {
        stream.markAllRead(records.user(who));
        return "redirect:/crm/notifications";
    }

    /** Marks one notification read and opens the record it is about. */
    @PostMapping("/notifications/{id}/open")
    String open(@PathVariable String id, @RequestParam(defaultValue = "") String relatedType,
            @RequestParam(defaultValue = "") String relatedId, Authentication who) {
        stream.markRead(records.user(who), id(id));
        if (!ENTITY.matcher(relatedType).matches() || !ID.matcher(relatedId).matches()) {
            return "redirect:/crm/notifications";
        }
        return "redirect:/crm/" + relatedType + "/" + relatedId + "#stream";
    }

    private EntityInfo entity(String name) {
        return PathNames.entity(records, name);
    }

    private static String id(String id) {
        return PathNames.id(id);
    }
}
