package dev.holdfast.platform.monitor.notify;

import dev.holdfast.platform.monitor.notify.HttpReceiver.Recorded;
import dev.holdfast.platform.shared.mail.MailSettings;
import dev.holdfast.platform.shared.mail.OutgoingMail;
import dev.holdfast.platform.testing.TestMail;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * Email goes over SMTP, not HTTP: a real SMTP server (GreenMail) receives the messages, and a scripted server on a
 * socket plays a server that refuses service (554), never answers, or refuses the recipient (550).
 */
class EmailChannelContractTests extends NotificationChannelContractTests {

    static final String TO = "ops@example.org";

    private TestMail smtp;
    private ScriptedSmtp scripted;
    private AnnotationConfigApplicationContext mailContext;

    @BeforeEach
    void startSmtp() {
        smtp = new TestMail();
    }

    @AfterEach
    void stopSmtp() {
        smtp.close();
        if (scripted != null) {
            scripted.close();
        }
        if (mailContext != null) {
            mailContext.close();
        }
    }

    @Override
    protected NotificationChannel channel(HttpSender http, NotificationSettings settings) {
        throw new UnsupportedOperationException("email is sent over SMTP");
    }

    /** The email channel over the platform's own {@code shared.mail} (its real SMTP client), at GreenMail or the script. */
    @Override
    protected NotificationChannel channel() {
        if (mailContext == null) {
            int port = scripted != null ? scripted.port() : smtp.port();
            mailContext = new AnnotationConfigApplicationContext();
            mailContext.registerBean(MailSettings.class, () -> new MailSettings("127.0.0.1", port, "none", null, null,
                    "holdfast@test.invalid", timeout));
            mailContext.scan("dev.holdfast.platform.shared.mail");
            mailContext.refresh();
        }
        return new EmailChannel(mailContext.getBean(OutgoingMail.class));
    }

    @Override
    protected Map<String, String> settings(String receiverUrl) {
        return Map.of("to", TO);
    }

    @Override
    protected Recorded received() {
        TestMail.Received mail = smtp.awaitMessagesTo(TO, 1).getFirst();
        return new Recorded("SMTP", TO, Map.of("from", mail.from(), "subject", mail.subject()),
                mail.text().replace("\r\n", "\n"));
    }

    @Override
    protected Expected expected(Message message) {
        String body = switch (message.kind()) {
            case DOWN -> DOWN_TEXT + "\n\nMonitor: Shop API\nTarget: https://shop.example/health\n"
                    + "Cause: HTTP 503 Service Unavailable\nTime: 2026-11-30 05:00:00 UTC\n\n-- Holdfast";
            case UP -> UP_TEXT + "\n\nMonitor: Shop API\nTarget: https://shop.example/health\n"
                    + "Cause: HTTP 200 in 84 ms\nTime: 2026-11-30 05:12:05 UTC\nDown for: 12m 5s\n\n-- Holdfast";
            default -> TEST_TEXT + "\n\nMonitor: Ops room\nTarget: Holdfast\n"
                    + "Cause: test notification requested\nTime: 2026-11-30 05:00:00 UTC\n\n-- Holdfast";
        };
        String subject = switch (message.kind()) {
            case DOWN -> DOWN_TITLE;
            case UP -> UP_TITLE;
            default -> TEST_TITLE;
        };
        return new Expected("SMTP", TO, Map.of("from", "holdfast@test.invalid", "subject", "[Holdfast] " + subject),
                Expected.Kind.TEXT, body);
    }

    @Override
    protected void failWithServerError() {
        scripted = new ScriptedSmtp("554");
    }

    @Override
    protected int serverErrorStatus() {
        return 554;
    }

    @Override
    protected void hang() {
        scripted = new ScriptedSmtp("silent");
    }

    @Override
    protected void refuse() {
        scripted = new ScriptedSmtp("550-recipient");
    }

    /** One connection at a time, answering as the mode says. */
    static final class ScriptedSmtp implements AutoCloseable {

        private final ServerSocket server;
        private final String mode;

        ScriptedSmtp(String mode) {
            this.mode = mode;
            try {
                server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Thread.ofVirtual().start(this::serve);
        }

        int port() {
            return server.getLocalPort();
        }

        private void serve() {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    converse(socket);
                } catch (IOException e) {
                    // closed, or the client went away
                }
            }
        }

        private void converse(Socket socket) throws IOException {
            OutputStream out = socket.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            switch (mode) {
                case "554" -> write(out, "554 5.3.2 no service here today");
                case "silent" -> in.read();
                default -> {
                    write(out, "220 scripted ESMTP");
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line;
                        switch (verb) {
                            case "EHLO", "HELO", "MAIL", "RSET", "NOOP" -> write(out, "250 ok");
                            case "RCPT" -> write(out, "550 5.1.1 no such mailbox");
                            case "QUIT" -> {
                                write(out, "221 bye");
                                return;
                            }
                            default -> write(out, "502 5.5.2 not implemented");
                        }
                    }
                }
            }
        }

        private static void write(OutputStream out, String line) throws IOException {
            out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        @Override
        public void close() {
            try {
                server.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }
}
