package dev.holdfast.platform.identity.internal;

import dev.holdfast.platform.shared.settings.PlatformSettings;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The start of links Holdfast mails or shows: {@code HOLDFAST_BASE_URL} when set, else the address of the request
 * (set HOLDFAST_BASE_URL behind a proxy, so that a forged Host header cannot steer a reset link elsewhere).
 */
@Component
class Links {

    private final PlatformSettings platform;

    Links(PlatformSettings platform) {
        this.platform = platform;
    }

    String base(HttpServletRequest request) {
        String base = platform.baseUrl() != null ? platform.baseUrl().toString()
                : ServletUriComponentsBuilder.fromContextPath(request).build().toUriString();
        return base.replaceAll("/+$", "");
    }
}
