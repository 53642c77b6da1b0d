package org.plmmonitor.monitor.web;

import org.plmmonitor.analysis.io.InputException;
import org.plmmonitor.analysis.io.IoErrors;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's TLS context from two PEM files, as {@code web.https.certificate} and {@code web.https.key}
 * name them: a certificate chain (server certificate first) and an unencrypted PKCS#8 private key (RSA, EC or
 * Ed25519). JDK only: no extra library on the Pi.
 */
final class TlsFiles {
    private static final Pattern PKCS8 = Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

    private TlsFiles() {
    }

    /**
     * @param certificate the PEM certificate chain
     * @param key         the PEM PKCS#8 private key
     * @return a TLS context serving that certificate
     * @throws InputException naming the file and what is wrong with it
     */
    static SSLContext context(Path certificate, Path key) throws InputException {
        List<? extends Certificate> chain = chain(certificate);
        PrivateKey pk = privateKey(key, chain.get(0).getPublicKey().getAlgorithm());
        if (!pair(pk, chain.get(0).getPublicKey())) {
            // The key store takes any key beside any certificate; every handshake would then fail.
            throw new InputException(key.toString(), 0, "this key does not belong to the certificate in " + certificate);
        }
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            char[] pass = new char[0];
            ks.setKeyEntry("plm", pk, pass, chain.toArray(new Certificate[0]));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, pass);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new InputException(key.toString(), 0, "this key does not go with the certificate in " + certificate
                    + ": " + e.getMessage(), e);
        }
    }

    /** @return whether a signature made with {@code pk} verifies with {@code pub} */
    private static boolean pair(PrivateKey pk, java.security.PublicKey pub) {
        String alg = switch (pub.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> pub.getAlgorithm(); // Ed25519, Ed448, EdDSA sign by their own name
        };
        try {
            byte[] probe = "plm-monitor key check".getBytes(StandardCharsets.US_ASCII);
            java.security.Signature sign = java.security.Signature.getInstance(alg);
            sign.initSign(pk);
            sign.update(probe);
            byte[] sig = sign.sign();
            java.security.Signature verify = java.security.Signature.getInstance(alg);
            verify.initVerify(pub);
            verify.update(probe);
            return verify.verify(sig);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static List<? extends Certificate> chain(Path file) throws InputException {
        try {
            byte[] pem = Files.readAllBytes(file);
            List<? extends Certificate> certs = List.copyOf(CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem)));
            if (certs.isEmpty()) {
                throw new InputException(file.toString(), 0, "no certificate in it: expected PEM '-----BEGIN CERTIFICATE-----' blocks");
            }
            return certs;
        } catch (IOException e) {
            throw new InputException(file.toString(), 0, "cannot read the certificate: " + IoErrors.reason(e), e);
        } catch (CertificateException e) {
            throw new InputException(file.toString(), 0, "not a PEM certificate chain: " + e.getMessage(), e);
        }
    }

    private static PrivateKey privateKey(Path file, String algorithm) throws InputException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new InputException(file.toString(), 0, "cannot read the key: " + IoErrors.reason(e), e);
        }
        Matcher m = PKCS8.matcher(text);
        if (!m.find()) {
            String hint = text.contains("BEGIN ENCRYPTED PRIVATE KEY") ? "it is encrypted; the service cannot type a passphrase"
                    : text.contains("BEGIN RSA PRIVATE KEY") || text.contains("BEGIN EC PRIVATE KEY") ? "it is a PKCS#1/SEC1 key"
                    : "no '-----BEGIN PRIVATE KEY-----' block";
            throw new InputException(file.toString(), 0, "expected an unencrypted PKCS#8 PEM private key, but " + hint
                    + " (convert with: openssl pkcs8 -topk8 -nocrypt -in KEY -out key.pem)");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(m.group(1));
        } catch (IllegalArgumentException e) {
            throw new InputException(file.toString(), 0, "damaged PEM key: " + e.getMessage(), e);
        }
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (InvalidKeySpecException | java.security.NoSuchAlgorithmException e) {
            throw new InputException(file.toString(), 0, "not a " + algorithm + " PKCS#8 key matching the certificate: "
                    + e.getMessage(), e);
        }
    }
}
