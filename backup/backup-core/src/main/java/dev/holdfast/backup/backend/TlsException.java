package dev.holdfast.backup.backend;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.Locale;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * A TLS problem no retry will mend: a certificate file that cannot be used, a server certificate that is not trusted,
 * or a server that refused the client's certificate (or its absence).
 */
public class TlsException extends BackendException {

    public TlsException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }

    /**
     * The TLS problem in {@code error}'s causes, said for a user with the flag that helps, or {@code null} when the
     * error is not about certificates (a reset connection, a timeout: those may pass).
     *
     * @param what what failed, e.g. "cannot load config at https://host/"
     */
    public static @Nullable TlsException of(String what, Throwable error) {
        boolean certificate = false;
        String detail = null;
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SSLException && detail == null) {
                detail = cause.getMessage();
            }
            if (cause instanceof CertificateException || cause instanceof CertPathBuilderException
                    || cause instanceof CertPathValidatorException) {
                certificate = true;
            }
        }
        if (detail == null) {
            return null;
        }
        String lower = detail.toLowerCase(Locale.ROOT);
        if (certificate || lower.contains("pkix") || lower.contains("subject alternative")) {
            return new TlsException(what + ": the server's certificate is not trusted: " + detail + " (--cacert FILE "
                    + "trusts the CA that signed it, --insecure-tls skips the check)", error);
        }
        if (lower.contains("certificate") || lower.contains("unknown_ca")) {
            return new TlsException(what + ": the server refused the TLS connection: " + detail + " (does it want "
                    + "a client certificate? --tls-client-cert FILE gives one)", error);
        }
        return null;
    }
}
