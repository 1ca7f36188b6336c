package dev.locus.gateway.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {

    @Test
    void matchesRfc4231TestCase2() {
        // RFC 4231, 4.3: key "Jefe", data "what do ya want for nothing?"
        String expected = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
        byte[] data = "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII);
        assertThat(new WebhookSigner("Jefe").signature(data)).isEqualTo("sha256=" + expected);
    }

    @Test
    void matchesAnIndependentHmac() throws Exception {
        String secret = "s3cr3t-webhook-key";
        byte[] body = "{\"id\":\"2b1f\",\"state\":\"SUCCEEDED\"}".getBytes(StandardCharsets.UTF_8);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String independent = HexFormat.of().formatHex(mac.doFinal(body));
        assertThat(new WebhookSigner(secret).signature(body)).isEqualTo("sha256=" + independent);
    }

    @Test
    void withoutASecretNothingIsSigned() {
        assertThat(new WebhookSigner(null).signs()).isFalse();
        assertThat(new WebhookSigner("").signature(new byte[] {1})).isNull();
    }
}
