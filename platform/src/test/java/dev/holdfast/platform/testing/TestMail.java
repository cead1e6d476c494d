package dev.holdfast.platform.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.holdfast.testkit.Peers;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A real SMTP server (GreenMail) on a free port, for tests of mail Holdfast sends: start a node with
 * {@link #nodeSettings()}, then read what arrived with {@link #awaitMessagesTo}.
 */
public final class TestMail implements AutoCloseable {

    private final GreenMail greenMail;
    private final int port;

    public TestMail() {
        this.port = Peers.freePort();
        this.greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
    }

    public int port() {
        return port;
    }

    /** Settings for {@code db.startNode(...)} that send mail here, from {@code holdfast@test.invalid}. */
    public Map<String, String> nodeSettings() {
        return Map.of("holdfast.mail.host", "127.0.0.1", "holdfast.mail.port", Integer.toString(port),
                "holdfast.mail.security", "none", "holdfast.mail.from", "holdfast@test.invalid");
    }

    /** Waits up to 10 s until {@code count} messages to {@code address} have arrived and returns them, oldest first. */
    public List<Received> awaitMessagesTo(String address, int count) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            List<Received> messages = Arrays.stream(greenMail.getReceivedMessages())
                    .filter(m -> sentTo(m, address)).map(TestMail::received).toList();
            if (messages.size() >= count || System.nanoTime() > deadline) {
                if (messages.size() < count) {
                    throw new AssertionError("expected " + count + " message(s) to " + address + ", got " + messages.size());
                }
                return messages;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Every message that arrived, to anyone. */
    public List<Received> all() {
        return Arrays.stream(greenMail.getReceivedMessages()).map(TestMail::received).toList();
    }

    private static boolean sentTo(MimeMessage message, String address) {
        try {
            var recipients = message.getRecipients(Message.RecipientType.TO);
            return recipients != null && Arrays.stream(recipients).anyMatch(r -> r.toString().equalsIgnoreCase(address));
        } catch (MessagingException e) {
            throw new AssertionError(e);
        }
    }

    private static Received received(MimeMessage message) {
        try {
            Object content = message.getContent();
            return new Received(message.getFrom()[0].toString(), message.getSubject(), content.toString().strip());
        } catch (MessagingException | IOException e) {
            throw new AssertionError(e);
        }
    }

    /** One message as a user would read it. */
    public record Received(String from, String subject, String text) {
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
