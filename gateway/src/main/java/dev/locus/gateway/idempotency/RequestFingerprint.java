package dev.locus.gateway.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What makes two requests "the same" for an {@code Idempotency-Key}: the sha256 of the request
 * path (with its query) and the raw body bytes. For multipart uploads the body is the uploaded
 * file's bytes, since multipart boundaries differ between otherwise identical requests.
 */
public final class RequestFingerprint {

    private RequestFingerprint() {}

    public static String of(String path, byte[] body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(path.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(body);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
