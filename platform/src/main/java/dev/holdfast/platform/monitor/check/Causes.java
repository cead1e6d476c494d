package dev.holdfast.platform.monitor.check;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import javax.net.ssl.SSLException;

/** Turns an exception from a probe into a short human cause, never a stack trace. */
public final class Causes {

    private Causes() {}

    public static String of(Throwable error) {
        Throwable root = root(error);
        if (error instanceof UnknownHostException || root instanceof UnknownHostException) {
            return "DNS: cannot resolve " + firstLine(root.getMessage());
        }
        if (root instanceof java.nio.channels.UnresolvedAddressException) {
            return "DNS: cannot resolve the host name";
        }
        if (error instanceof HttpConnectTimeoutException) {
            return "connect timeout";
        }
        if (error instanceof HttpTimeoutException || root instanceof SocketTimeoutException || root instanceof InterruptedIOException) {
            return "timeout";
        }
        if (root instanceof ConnectException) {
            String message = root.getMessage();
            return message != null && message.toLowerCase(java.util.Locale.ROOT).contains("refused")
                    ? "connection refused" : "cannot connect" + (message == null ? "" : ": " + firstLine(message));
        }
        if (root instanceof NoRouteToHostException) {
            return "no route to host";
        }
        if (root instanceof PortUnreachableException) {
            return "port unreachable";
        }
        if (root instanceof CertificateExpiredException) {
            return "TLS: certificate expired";
        }
        if (root instanceof CertificateNotYetValidException) {
            return "TLS: certificate not yet valid";
        }
        if (error instanceof SSLException || root instanceof SSLException
                || root instanceof java.security.cert.CertificateException
                || root instanceof java.security.cert.CertPathValidatorException) {
            return "TLS: " + tls(root);
        }
        if (root instanceof java.sql.SQLException sql) {
            return "database: " + firstLine(sql.getMessage());
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : firstLine(message);
    }

    private static String tls(Throwable root) {
        String message = root.getMessage() == null ? "handshake failed" : root.getMessage();
        if (message.contains("PKIX path building failed") || message.contains("unable to find valid certification path")) {
            return "certificate not trusted (unknown issuer or self-signed)";
        }
        if (message.contains("No subject alternative") || message.contains("No name matching")) {
            return "certificate does not match the host name";
        }
        if (message.contains("validity check failed")) {
            return "certificate expired or not yet valid";
        }
        return firstLine(message);
    }

    private static Throwable root(Throwable error) {
        Throwable current = error;
        while (current.getCause() != null && current.getCause() != current) {
            current = current.getCause();
        }
        return current;
    }

    /** The first line of a message, at most 200 characters. */
    public static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        String line = message.lines().findFirst().orElse("").strip();
        return line.length() > 200 ? line.substring(0, 197) + "..." : line;
    }
}
