package dev.holdfast.platform.shared.live.internal;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Refuses the handshake (401) unless the HTTP session belongs to a signed-in user. The security filter chain
 * already requires sign-in for {@code /live}; this keeps the endpoint closed should that rule ever change.
 */
final class SignedInHandshake implements HandshakeInterceptor {

    private final AuthenticationTrustResolverImpl trust = new AuthenticationTrustResolverImpl();

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            Map<String, Object> attributes) {
        if (request.getPrincipal() instanceof Authentication who && trust.isFullyAuthenticated(who)) {
            return true;
        }
        response.setStatusCode(HttpStatus.UNAUTHORIZED);
        return false;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            @Nullable Exception exception) {
    }
}
