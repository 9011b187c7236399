package dev.jakartaparse.push.adapters;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;

/** Compact JSON Web Tokens, signed: RS256 for Google's OAuth2 grant, ES256 for APNs. */
final class Jwt {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private Jwt() {}

    static String rs256(Map<String, Object> header, Map<String, Object> claims, PrivateKey key) {
        return sign(header, claims, key, "SHA256withRSA");
    }

    /** ES256's signature is the raw r||s pair (IEEE P1363), not the DER the JDK produces by default. */
    static String es256(Map<String, Object> header, Map<String, Object> claims, PrivateKey key) {
        return sign(header, claims, key, "SHA256withECDSAinP1363Format");
    }

    private static String sign(
            Map<String, Object> header, Map<String, Object> claims, PrivateKey key, String algorithm) {
        try {
            String input = encode(JSON.writeValueAsBytes(header)) + "." + encode(JSON.writeValueAsBytes(claims));
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + encode(signer.sign());
        } catch (JsonProcessingException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a JWT with " + algorithm + ": " + e.getMessage(), e);
        }
    }

    private static String encode(byte[] bytes) {
        return B64URL.encodeToString(bytes);
    }
}
