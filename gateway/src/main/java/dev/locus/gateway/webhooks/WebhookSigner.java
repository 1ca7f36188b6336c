package dev.locus.gateway.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook bodies: {@code X-Locus-Signature: sha256=<hex HMAC-SHA256(secret, body)>}, so a
 * receiver can check that a POST came from this gateway and was not altered.
 */
public class WebhookSigner {

    public static final String SIGNATURE_HEADER = "X-Locus-Signature";
    public static final String DELIVERY_HEADER = "X-Locus-Delivery";

    private final byte[] secret;

    /** @param secret null or empty: deliveries go unsigned */
    public WebhookSigner(String secret) {
        this.secret = secret == null || secret.isEmpty() ? null : secret.getBytes(StandardCharsets.UTF_8);
    }

    public boolean signs() {
        return secret != null;
    }

    /** The header value for {@code body}; null when no secret is configured. */
    public String signature(byte[] body) {
        return secret == null ? null : "sha256=" + HexFormat.of().formatHex(hmacSha256(secret, body));
    }

    public static byte[] hmacSha256(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
