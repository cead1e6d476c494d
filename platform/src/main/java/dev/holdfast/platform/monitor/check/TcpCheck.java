package dev.holdfast.platform.monitor.check;

import java.net.InetSocketAddress;
import java.net.Socket;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** TCP port: up when a connection opens within the timeout. */
@Component
class TcpCheck implements Check {

    @Override
    public String type() {
        return "tcp";
    }

    @Override
    public void validate(CheckConfig config, FieldErrors errors) {
        config.requireHost("host", errors);
        config.requirePort("port", null, errors);
    }

    @Override
    public String target(CheckConfig config) {
        return config.string("host", "") + ":" + config.string("port", "");
    }

    @Override
    public @Nullable String host(CheckConfig config) {
        return config.string("host");
    }

    @Override
    public CheckResult check(CheckRequest request) throws Exception {
        long start = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(request.config().string("host", ""), request.config().integer("port", 0)),
                    (int) Math.max(1, request.timeout().toMillis()));
        }
        return CheckResult.up((System.nanoTime() - start) / 1_000_000, "port open");
    }
}
