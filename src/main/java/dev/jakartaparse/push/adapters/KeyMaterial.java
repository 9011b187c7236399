package dev.jakartaparse.push.adapters;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
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
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/** Keys and certificates given as PEM text or as the path of a PEM file, as Parse's adapters accept them. */
final class KeyMaterial {
    private KeyMaterial() {}

    /** The PEM text itself, or the content of the file it names. */
    static String pemText(String pemOrPath) throws IOException {
        if (pemOrPath.contains("-----BEGIN")) {
            return pemOrPath;
        }
        return Files.readString(Path.of(pemOrPath), StandardCharsets.UTF_8);
    }

    /** A PKCS#8 private key ("BEGIN PRIVATE KEY": a service account's RSA key, an APNs .p8 EC key). */
    static PrivateKey privateKey(String pem, String algorithm) throws GeneralSecurityException {
        byte[] der = Base64.getMimeDecoder().decode(body(pem, "PRIVATE KEY"));
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    /** TLS that trusts exactly the certificates of the PEM text (a test or proxy authority). */
    static SSLContext trusting(String pem) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        int i = 0;
        for (Certificate c : CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
            store.setCertificateEntry("ca" + i++, c);
        }
        if (i == 0) {
            throw new GeneralSecurityException("no certificate in the PEM");
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        return tls;
    }

    private static String body(String pem, String label) throws GeneralSecurityException {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        if (from < 0 || to < from) {
            throw new GeneralSecurityException("not a PEM " + label + " (PKCS#8)");
        }
        return pem.substring(from + begin.length(), to);
    }
}
