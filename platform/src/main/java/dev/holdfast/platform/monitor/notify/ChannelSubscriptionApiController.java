package dev.holdfast.platform.monitor.notify;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Which channels a monitor notifies: {@code PUT}/{@code DELETE /api/monitor/v1/monitors/{monitorId}/channels/{channelId}}
 * (204; 404 for an unknown channel or, on delete, a monitor that was not subscribed), and {@code GET} of the monitor's
 * own channels and of those it notifies now (its own, or the defaults).
 */
@RestController
class ChannelSubscriptionApiController {

    private final Channels channels;
    private final ChannelApiController views;

    ChannelSubscriptionApiController(Channels channels, ChannelApiController views) {
        this.channels = channels;
        this.views = views;
    }

    @GetMapping("/api/monitor/v1/monitors/{monitorId}/channels")
    Map<String, Object> list(@PathVariable String monitorId, HttpServletRequest request) {
        ChannelApiController.requireAdmin(request);
        Channels.checkMonitorId(monitorId);
        return Map.of("subscribed", channels.subscribed(monitorId).stream().map(views::json).toList(),
                "notifying", channels.notifying(monitorId).stream().map(views::json).toList());
    }

    @PutMapping("/api/monitor/v1/monitors/{monitorId}/channels/{channelId}")
    ResponseEntity<Void> subscribe(@PathVariable String monitorId, @PathVariable String channelId, HttpServletRequest request) {
        ChannelApiController.requireAdmin(request);
        channels.subscribe(monitorId, channelId);
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/api/monitor/v1/monitors/{monitorId}/channels/{channelId}")
    ResponseEntity<?> unsubscribe(@PathVariable String monitorId, @PathVariable String channelId, HttpServletRequest request) {
        ChannelApiController.requireAdmin(request);
        if (channels.unsubscribe(monitorId, channelId)) {
            return ResponseEntity.noContent().build();
        }
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "The monitor " + monitorId + " is not subscribed to the channel " + channelId + "."));
    }
}
