package dev.holdfast.backup.backend;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * PEM files as restic reads them for {@code --cacert} (Go's {@code AppendCertsFromPEM}: every CERTIFICATE block,
 * other blocks skipped) and {@code --tls-client-cert} (certificates and exactly one private key, PKCS#8, PKCS#1 RSA or
 * SEC 1 EC, as Go's {@code tls.X509KeyPair}). Text around the blocks is ignored. Errors say which file and why.
 */
final class Pem {

    private static final Pattern BLOCK = Pattern.compile("-----BEGIN ([^-\\r\\n]+)-----(.*?)-----END \\1-----",
            Pattern.DOTALL);
    /** Header lines such as {@code Proc-Type: 4,ENCRYPTED} before a block's base64. */
    private static final Pattern HEADER = Pattern.compile("(?m)^[^:\\r\\n]+:.*$");

    private Pem() {}

    record Block(String type, byte[] der) {}

    record ClientCertificate(PrivateKey key, List<X509Certificate> chain) {}

    static List<Block> blocks(Path file, String what) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new TlsException("unable to read " + what + " " + file + ": " + e.getMessage(), e);
        }
        List<Block> blocks = new ArrayList<>();
        Matcher matcher = BLOCK.matcher(text);
        while (matcher.find()) {
            try {
                String body = HEADER.matcher(matcher.group(2)).replaceAll("");
                blocks.add(new Block(matcher.group(1), Base64.getMimeDecoder().decode(body)));
            } catch (IllegalArgumentException e) {
                throw new TlsException(what + " " + file + ": a " + matcher.group(1) + " block is not base64", e);
            }
        }
        return blocks;
    }

    /** The certificates in a {@code --cacert} file: at least one, as restic requires. */
    static List<X509Certificate> roots(Path file) {
        List<X509Certificate> roots = new ArrayList<>();
        for (Block block : blocks(file, "root certificate")) {
            if (block.type().equals("CERTIFICATE")) {
                try {
                    roots.add(certificate(block.der()));
                } catch (CertificateException e) {
                    // skipped, as Go's AppendCertsFromPEM skips a block it cannot parse
                }
            }
        }
        if (roots.isEmpty()) {
            throw new TlsException("cannot parse root certificate from \"" + file + "\": no PEM CERTIFICATE in it", null);
        }
        return roots;
    }

    /** The certificates (leaf first) and the one private key of a {@code --tls-client-cert} file. */
    static ClientCertificate clientCertificate(Path file) {
        String prefix = "error loading TLS cert and key from " + file + ": ";
        List<X509Certificate> chain = new ArrayList<>();
        Block key = null;
        for (Block block : blocks(file, "TLS client certificate")) {
            if (block.type().endsWith("CERTIFICATE")) {
                chain.add(parse(prefix, block));
            } else if (block.type().endsWith("PRIVATE KEY")) {
                if (key != null) {
                    throw new TlsException(prefix + "more than one private key found", null);
                }
                key = block;
            } else {
                throw new TlsException(prefix + "unknown block type " + block.type() + " found", null);
            }
        }
        if (chain.isEmpty()) {
            throw new TlsException(prefix + "no PEM CERTIFICATE in it", null);
        }
        if (key == null) {
            throw new TlsException(prefix + "no PEM PRIVATE KEY in it", null);
        }
        PrivateKey privateKey = privateKey(prefix, key);
        requireMatch(prefix, privateKey, chain.getFirst());
        return new ClientCertificate(privateKey, List.copyOf(chain));
    }

    private static X509Certificate parse(String prefix, Block block) {
        try {
            return certificate(block.der());
        } catch (CertificateException e) {
            throw new TlsException(prefix + "cannot parse a certificate: " + e.getMessage(), e);
        }
    }

    private static X509Certificate certificate(byte[] der) throws CertificateException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
    }

    private static PrivateKey privateKey(String prefix, Block block) {
        byte[] pkcs8;
        try {
            pkcs8 = switch (block.type()) {
                case "PRIVATE KEY" -> block.der();
                case "RSA PRIVATE KEY" -> new PrivateKeyInfo(new AlgorithmIdentifier(
                        PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE), ASN1Primitive.fromByteArray(block.der()))
                        .getEncoded();
                case "EC PRIVATE KEY" -> {
                    ECPrivateKey ec = ECPrivateKey.getInstance(block.der());
                    yield new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey,
                            ec.getParametersObject()), ec).getEncoded();
                }
                default -> throw new TlsException(prefix + block.type() + " is not supported (an encrypted key? "
                        + "give it unencrypted, as restic needs it)", null);
            };
        } catch (IOException | RuntimeException e) {
            if (e instanceof TlsException tls) {
                throw tls;
            }
            throw new TlsException(prefix + "cannot parse the " + block.type() + ": " + e.getMessage(), e);
        }
        for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            } catch (GeneralSecurityException | RuntimeException e) {
                // try the next algorithm
            }
        }
        throw new TlsException(prefix + "cannot parse the " + block.type() + " (RSA, EC and Ed25519 keys are read)",
                null);
    }

    /** Go's X509KeyPair checks that the key belongs to the first certificate; a signature shows it here. */
    private static void requireMatch(String prefix, PrivateKey key, X509Certificate leaf) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm();
        };
        byte[] probe = "holdfast key check".getBytes(StandardCharsets.US_ASCII);
        boolean matches;
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(leaf.getPublicKey());
            verifier.update(probe);
            matches = verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            matches = false;
        }
        if (!matches) {
            throw new TlsException(prefix + "private key does not match public key", null);
        }
    }
}
