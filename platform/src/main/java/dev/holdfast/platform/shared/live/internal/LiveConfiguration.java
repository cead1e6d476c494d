package dev.holdfast.platform.shared.live.internal;

import dev.holdfast.platform.shared.settings.PlatformSettings;
import java.net.URI;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;
import org.springframework.web.socket.server.support.HttpSessionHandshakeInterceptor;

/**
 * The {@code /live} WebSocket endpoint: signed-in users only, browsers only from Holdfast's own origin (the
 * request's own, or {@code HOLDFAST_BASE_URL}'s behind a proxy). When the HTTP session ends (sign-out, expiry,
 * revocation) {@link SessionWatch} closes the sockets opened in it with 1008 (policy violation).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class LiveConfiguration implements WebSocketConfigurer {

    static final String PATH = "/live";

    private final LiveSocketHandler handler;
    private final PlatformSettings platform;

    LiveConfiguration(LiveSocketHandler handler, PlatformSettings platform) {
        this.handler = handler;
        this.platform = platform;
    }

    /**
     * Per-socket buffers sized for what {@code /live} carries: inbound text frames up to
     * {@link LiveProtocol#MAX_INBOUND} characters (larger ones are closed with 1009), no binary messages (answered
     * with an error frame, so a few bytes suffice). Tomcat's frame, output and encoder buffers are set smaller in
     * {@code Holdfast} (a system property read once per JVM). Together: about 32 instead of 64 KiB of heap per
     * open page.
     */
    @Bean
    ServletServerContainerFactoryBean webSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(LiveProtocol.MAX_INBOUND);
        container.setMaxBinaryMessageBufferSize(256);
        return container;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        URI base = platform.baseUrl();
        String[] origins = base == null ? new String[0]
                : new String[] {base.getScheme() + "://" + base.getRawAuthority()};
        registry.addHandler(handler, PATH)
                .addInterceptors(new SignedInHandshake(), new HttpSessionHandshakeInterceptor())
                .setAllowedOrigins(origins);
    }
}
