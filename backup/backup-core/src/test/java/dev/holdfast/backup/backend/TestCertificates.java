package dev.holdfast.backup.backend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Object;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * A test CA with a server certificate for {@code localhost} and {@code 127.0.0.1}, one for another host name only,
 * and a client certificate, made once per JVM (EC P-256, valid two days) and written as the PEM files restic's flags
 * and rclone's {@code --cert}, {@code --key}, {@code --client-ca} take.
 *
 * @param ca the CA's certificate ({@code --cacert}, rclone's {@code --client-ca})
 * @param server the server certificate, signed by the CA
 * @param serverKey its private key (PKCS#8)
 * @param otherHost a server certificate, signed by the CA, for {@code elsewhere.invalid} only
 * @param otherHostKey its private key
 * @param client the client certificate, signed by the CA, followed by its private key ({@code --tls-client-cert})
 */
public record TestCertificates(Path ca, Path server, Path serverKey, Path otherHost, Path otherHostKey, Path client) {

    private static TestCertificates shared;

    /** The JVM's certificates, made on first use in a temporary folder removed at exit. */
    public static synchronized TestCertificates shared() {
        if (shared == null) {
            try {
                Path dir = Files.createTempDirectory("holdfast-tls-");
                shared = create(dir);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> dev.holdfast.objectstore.Emulator.deleteTree(dir)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    static TestCertificates create(Path dir) throws IOException {
        KeyPair ca = keyPair();
        X500Name caName = new X500Name("CN=Holdfast Test CA");
        Files.writeString(dir.resolve("ca.pem"), pem("CERTIFICATE", certificate(caName, ca.getPublic(), caName,
                ca.getPrivate(), new BasicConstraints(true), new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))));
        signed(dir, "server", caName, ca, KeyPurposeId.id_kp_serverAuth, dns("localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
        signed(dir, "other-host", caName, ca, KeyPurposeId.id_kp_serverAuth, dns("elsewhere.invalid"));
        signed(dir, "client", caName, ca, KeyPurposeId.id_kp_clientAuth, dns("backup-client"));
        Files.writeString(dir.resolve("client-and-key.pem"), Files.readString(dir.resolve("client.pem"))
                + Files.readString(dir.resolve("client-key.pem")));
        return new TestCertificates(dir.resolve("ca.pem"), dir.resolve("server.pem"), dir.resolve("server-key.pem"),
                dir.resolve("other-host.pem"), dir.resolve("other-host-key.pem"), dir.resolve("client-and-key.pem"));
    }

    private static GeneralName dns(String name) {
        return new GeneralName(GeneralName.dNSName, name);
    }

    /** {@code <name>.pem} signed by the CA for {@code purpose} and {@code names}, and {@code <name>-key.pem}. */
    private static void signed(Path dir, String name, X500Name caName, KeyPair ca, KeyPurposeId purpose,
            GeneralName... names) throws IOException {
        KeyPair pair = keyPair();
        Files.writeString(dir.resolve(name + ".pem"), pem("CERTIFICATE", certificate(new X500Name("CN=" + name),
                pair.getPublic(), caName, ca.getPrivate(), new BasicConstraints(false),
                new KeyUsage(KeyUsage.digitalSignature), new ExtendedKeyUsage(purpose), new GeneralNames(names))));
        Files.writeString(dir.resolve(name + "-key.pem"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
    }

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * An X.509 v3 certificate, valid from an hour ago for two days, built from BouncyCastle's ASN.1 types (bcprov has
     * no certificate builder; that is bcpkix) and signed with the JDK's ECDSA.
     */
    private static byte[] certificate(X500Name subject, PublicKey key, X500Name issuer, PrivateKey issuerKey,
            ASN1Object... extensions) throws IOException {
        AlgorithmIdentifier algorithm = new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);
        V3TBSCertificateGenerator tbs = new V3TBSCertificateGenerator();
        tbs.setSerialNumber(new ASN1Integer(new BigInteger(64, new SecureRandom())));
        tbs.setIssuer(issuer);
        tbs.setSubject(subject);
        long now = System.currentTimeMillis();
        tbs.setStartDate(new Time(new Date(now - 3_600_000L)));
        tbs.setEndDate(new Time(new Date(now + 2 * 86_400_000L)));
        tbs.setSubjectPublicKeyInfo(SubjectPublicKeyInfo.getInstance(key.getEncoded()));
        tbs.setSignature(algorithm);
        ExtensionsGenerator generator = new ExtensionsGenerator();
        for (ASN1Object extension : extensions) {
            switch (extension) {
                case BasicConstraints constraints -> generator.addExtension(Extension.basicConstraints, true, constraints);
                case KeyUsage usage -> generator.addExtension(Extension.keyUsage, true, usage);
                case ExtendedKeyUsage usage -> generator.addExtension(Extension.extendedKeyUsage, false, usage);
                case GeneralNames names -> generator.addExtension(Extension.subjectAlternativeName, false, names);
                default -> throw new IllegalArgumentException("no such extension here: " + extension);
            }
        }
        tbs.setExtensions(generator.generate());
        TBSCertificate body = tbs.generateTBSCertificate();
        try {
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initSign(issuerKey);
            signature.update(body.getEncoded(ASN1Encoding.DER));
            return new DERSequence(new ASN1Encodable[] {body, algorithm, new DERBitString(signature.sign())})
                    .getEncoded(ASN1Encoding.DER);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
