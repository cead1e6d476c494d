package dev.holdfast.platform.monitor.notify;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The admin page of notification channels ({@code /monitor/channels}): list, add (a form generated from the type's
 * settings), edit, send a test (htmx swaps the result in; without script the page reloads with it), delete.
 * Secrets are shown as the mask, which keeps them when the form is sent back. Administrators only.
 */
@Controller
class ChannelPagesController {

    private final Channels channels;
    private final ChannelRegistry registry;
    private final ChannelDeliveries deliveries;

    ChannelPagesController(Channels channels, ChannelRegistry registry, ChannelDeliveries deliveries) {
        this.channels = channels;
        this.registry = registry;
        this.deliveries = deliveries;
    }

    @GetMapping("/monitor/channels")
    String list(HttpServletRequest request, Model model) {
        requireAdmin(request);
        model.addAttribute("channels", channels.list().stream().map(c -> new ChannelViews.Summary(c.id(), c.name(),
                registry.find(c.type()).map(NotificationChannel::displayName).orElse(c.type()), c.isDefault())).toList());
        model.addAttribute("types", registry.all().stream().map(t -> new ChannelViews.TypeOption(t.type(), t.displayName())).toList());
        return "monitor/notify/channels";
    }

    @GetMapping("/monitor/channels/new")
    String add(@RequestParam(required = false) @Nullable String type, HttpServletRequest request, Model model,
            RedirectAttributes flash) {
        requireAdmin(request);
        NotificationChannel channelType = type == null ? null : registry.find(type).orElse(null);
        if (channelType == null) {
            flash.addFlashAttribute("error", "Choose a type of channel.");
            return "redirect:/monitor/channels";
        }
        model.addAttribute("form", form(null, "", channelType, false, Map.of(), Map.of(), List.of()));
        return "monitor/notify/channel";
    }

    @PostMapping("/monitor/channels")
    String create(@RequestParam Map<String, String> params, HttpServletRequest request, HttpServletResponse response,
            Model model, RedirectAttributes flash) {
        requireAdmin(request);
        ChannelInput input = input(params);
        try {
            Channel channel = channels.create(input);
            flash.addFlashAttribute("notice", "Channel \"" + channel.name() + "\" added.");
            return "redirect:/monitor/channels";
        } catch (InvalidChannelException | DuplicateChannelNameException e) {
            NotificationChannel type = registry.find(String.valueOf(input.type())).orElse(null);
            if (type == null) {
                flash.addFlashAttribute("error", "Choose a type of channel.");
                return "redirect:/monitor/channels";
            }
            response.setStatus(400);
            model.addAttribute("form", form(null, String.valueOf(input.name()), type, Boolean.TRUE.equals(input.isDefault()),
                    input.settings(), errors(e), List.of()));
            return "monitor/notify/channel";
        }
    }

    @GetMapping("/monitor/channels/{id}")
    String edit(@PathVariable String id, HttpServletRequest request, Model model) {
        requireAdmin(request);
        Channel channel = channels.get(id);
        model.addAttribute("form", form(channel, channel.name(), channel.isDefault(), channels.masked(channel), Map.of()));
        return "monitor/notify/channel";
    }

    @PostMapping("/monitor/channels/{id}")
    String update(@PathVariable String id, @RequestParam Map<String, String> params, HttpServletRequest request,
            HttpServletResponse response, Model model, RedirectAttributes flash) {
        requireAdmin(request);
        ChannelInput input = input(params);
        Channel current = channels.get(id);
        try {
            Channel channel = channels.update(id, new ChannelInput(input.name(), null, input.isDefault(), input.settings()));
            flash.addFlashAttribute("notice", "Channel \"" + channel.name() + "\" saved.");
            return "redirect:/monitor/channels/" + id;
        } catch (InvalidChannelException | DuplicateChannelNameException e) {
            response.setStatus(400);
            model.addAttribute("form", form(current, String.valueOf(input.name()), Boolean.TRUE.equals(input.isDefault()),
                    input.settings(), errors(e)));
            return "monitor/notify/channel";
        }
    }

    @PostMapping("/monitor/channels/{id}/delete")
    String delete(@PathVariable String id, HttpServletRequest request, RedirectAttributes flash) {
        requireAdmin(request);
        Channel channel = channels.get(id);
        channels.delete(id);
        flash.addFlashAttribute("notice", "Channel \"" + channel.name() + "\" deleted.");
        return "redirect:/monitor/channels";
    }

    /** htmx gets the result as a fragment; a plain form post gets the page again with the result as a message. */
    @PostMapping("/monitor/channels/{id}/test")
    String test(@PathVariable String id, HttpServletRequest request, Model model, RedirectAttributes flash) {
        requireAdmin(request);
        Channel channel = channels.get(id);
        String notice = null;
        String error = null;
        try {
            deliveries.sendTest(channel);
            notice = "Test message sent through \"" + channel.name() + "\".";
        } catch (DeliveryFailedException e) {
            error = "The test message was not delivered: " + e.getMessage();
        }
        if (request.getHeader("HX-Request") != null) {
            model.addAttribute("notice", notice);
            model.addAttribute("error", error);
            return "monitor/notify/test-result";
        }
        flash.addFlashAttribute(notice == null ? "error" : "notice", notice == null ? error : notice);
        return "redirect:/monitor/channels";
    }

    @org.springframework.web.bind.annotation.ExceptionHandler
    void notFound(NoSuchChannelException e, HttpServletResponse response) throws java.io.IOException {
        response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }

    private ChannelViews.Form form(Channel channel, String name, boolean isDefault, @Nullable Map<String, String> values,
            Map<String, String> errors) {
        NotificationChannel type = registry.find(channel.type()).orElseThrow(() -> new NoSuchChannelException(channel.id()));
        List<ChannelViews.Attempt> attempts = deliveries.recent(channel.id(), 20).stream().map(a -> new ChannelViews.Attempt(
                a.at().toString().replace('T', ' ').replaceAll("\\.\\d+Z$", "Z"), a.monitorId(), a.kind(), a.outcome(),
                a.error() == null ? "" : a.error())).toList();
        return form(channel.id(), name, type, isDefault, values, errors, attempts);
    }

    private static ChannelViews.Form form(@Nullable String id, String name, NotificationChannel type, boolean isDefault,
            @Nullable Map<String, String> values, Map<String, String> errors, List<ChannelViews.Attempt> attempts) {
        Map<String, String> given = values == null ? Map.of() : values;
        List<ChannelViews.Field> fields = type.settings().stream().map(s -> new ChannelViews.Field(s.name(), s.label(),
                input(s), s.required() && !(s.secret() && id != null), given.getOrDefault(s.name(),
                        s.defaultValue() == null ? "" : s.defaultValue()), s.help(), s.choices())).toList();
        return new ChannelViews.Form(id, name, type.type(), type.displayName(), isDefault, fields, errors, attempts);
    }

    private static String input(ChannelSetting setting) {
        if (setting.secret() && setting.kind() != ChannelSetting.Kind.TEXTAREA) {
            return "password";
        }
        return switch (setting.kind()) {
            case CHOICE -> "select";
            default -> setting.kind().name().toLowerCase(Locale.ROOT);
        };
    }

    private static ChannelInput input(Map<String, String> params) {
        Map<String, String> settings = new LinkedHashMap<>();
        params.forEach((key, value) -> {
            if (key.startsWith("settings.")) {
                settings.put(key.substring("settings.".length()), value);
            }
        });
        return new ChannelInput(params.get("name"), params.get("type"), "on".equals(params.get("isDefault")), settings);
    }

    private static Map<String, String> errors(RuntimeException e) {
        return e instanceof InvalidChannelException invalid ? invalid.errors() : Map.of("name", e.getMessage());
    }

    private static void requireAdmin(HttpServletRequest request) {
        if (!request.isUserInRole("ADMIN")) {
            throw new AccessDeniedException("notification channels are for administrators");
        }
    }
}
