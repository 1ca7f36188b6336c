package dev.locus.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import tools.jackson.databind.JsonNode;

/**
 * What an outside tester throws at the API, byte for byte: every answer is a 4xx problem+json that names a field or
 * a reason, never a 5xx or a stack trace; and afterwards the services are alive and no job is left RUNNING. Add a
 * case here whenever the API grows or a tester finds one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest {

    /** One hostile request and the statuses a correct answer may have. */
    record Case(String name, String head, byte[] body, int... statuses) {

        @Override
        public String toString() {
            return name;
        }
    }

    LocusCluster cluster;

    @BeforeAll
    void start(@TempDir Path dataDir) {
        cluster = LocusCluster.start(dataDir);
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        String boundary = "----locus-hostile";
        byte[] part = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] png = LocusCluster.picture(1);
        byte[] truncated = concat(part, java.util.Arrays.copyOf(png, png.length / 2));
        cases.add(multipart("multipart body cut short", "multipart/form-data; boundary=" + boundary, truncated, 400));
        cases.add(multipart("multipart without a boundary", "multipart/form-data", concat(part, png), 400));
        cases.add(multipart("multipart whose boundary never appears", "multipart/form-data; boundary=other",
                concat(part, png), 400));
        cases.add(multipart("PNG with a broken CRC", "multipart/form-data; boundary=" + boundary,
                concat(part, brokenCrc(png), closing(boundary)), 400, 415, 422));
        cases.add(multipart("image 1 x 1,048,576", "multipart/form-data; boundary=" + boundary,
                concat(part, LocusCluster.png(new java.awt.image.BufferedImage(1_048_576, 1,
                        java.awt.image.BufferedImage.TYPE_BYTE_GRAY)), closing(boundary)), 400, 413, 422));
        cases.add(multipart("an empty file", "multipart/form-data; boundary=" + boundary,
                concat(part, closing(boundary)), 400, 415, 422));

        byte[] huge = ("{\"model\": \"" + "x".repeat(20 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        cases.add(json("20 MB JSON body", "POST /v1/discoveries", huge, 413));
        cases.add(new Case("20 MB JSON body, chunked", "POST /v1/discoveries HTTP/1.1\nHost: localhost\n"
                + "Content-Type: application/json\nTransfer-Encoding: chunked\nConnection: close\n", chunked(huge), 413));
        cases.add(json("JSON cut short", "POST /v1/discoveries", "{\"model\": \"synth".getBytes(StandardCharsets.UTF_8),
                400));
        cases.add(json("not JSON", "POST /v1/edits", "model=faces".getBytes(StandardCharsets.UTF_8), 400));
        cases.add(json("invalid UTF-8", "POST /v1/discoveries", new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"',
                ':', '1', '}'}, 400));
        cases.add(json("JSON nested 100,000 deep", "POST /v1/discoveries",
                ("[".repeat(100_000) + "]".repeat(100_000)).getBytes(StandardCharsets.UTF_8), 400));
        cases.add(json("a number beyond double", "POST /v1/discoveries",
                "{\"model\": \"synthfaces-32\", \"steps\": 1e400}".getBytes(StandardCharsets.UTF_8), 400, 422));
        cases.add(json("an array for the body", "POST /v1/edits", "[1, 2]".getBytes(StandardCharsets.UTF_8), 400));
        cases.add(json("null for the body", "POST /v1/edits", "null".getBytes(StandardCharsets.UTF_8), 400));
        cases.add(json("10,000 directions", "POST /v1/edits", ("{\"model\": \"" + LocusCluster.MODEL_ID + "\", \"image\": \"ab\", "
                + "\"directions\": [" + String.join(",", java.util.Collections.nCopies(10_000,
                "{\"ref\": \"eyes\", \"strength\": 1}")) + "]}").getBytes(StandardCharsets.UTF_8), 400, 422));
        cases.add(new Case("text/plain body", "POST /v1/discoveries HTTP/1.1\nHost: localhost\nContent-Type: text/plain\n"
                + "Content-Length: 2\nConnection: close\n", "{}".getBytes(StandardCharsets.UTF_8), 415));
        cases.add(get("a method the path does not take", "DELETE /v1/models", 405));
        cases.add(get("an unknown path", "GET /v1/nothing-here", 404));
        cases.add(get("a job id that is not a UUID", "GET /v1/jobs/not-a-uuid", 400, 404));
        cases.add(get("an encoded path traversal", "GET /v1/directions/..%2F..%2Fetc%2Fpasswd", 400, 404));
        cases.add(get("a page size of a billion", "GET /v1/directions?size=1000000000", 400, 422));
        cases.add(get("a negative page", "GET /v1/directions?page=-1", 400, 422));
        cases.add(new Case("a header of 100 KB", "GET /v1/models HTTP/1.1\nHost: localhost\nX-Junk: "
                + "a".repeat(100_000) + "\nConnection: close\n", new byte[0], 400, 431));
        cases.add(new Case("a request line of 100 KB", "GET /v1/models?q=" + "a".repeat(100_000)
                + " HTTP/1.1\nHost: localhost\nConnection: close\n", new byte[0], 400, 414, 431));
        return cases;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isAProblemNotAFailure(Case hostile) {
        RawHttp.Response response = RawHttp.send(cluster.services.port(), hostile.head(), hostile.body());
        assertThat(hostile.statuses()).as(hostile.name() + " answered " + response.status() + ": " + abbreviated(
                response.body())).contains(response.status());
        assertThat(response.contentType()).as(hostile.name() + ": " + abbreviated(response.body()))
                .startsWith("application/problem+json");
        JsonNode problem = cluster.json.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(response.status());
        assertThat(problem.has("reason") || problem.has("field")).as(response.body()).isTrue();
        assertThat(response.body()).doesNotContain("Exception", "\tat ", "org.apache", "springframework");

        // the services stay up, and nothing hangs
        assertThat(cluster.get("/actuator/health").get("status").asString()).isEqualTo("UP");
        for (ConfigurableApplicationContext worker : cluster.services.workers()) {
            assertThat(worker.isRunning()).isTrue();
            assertThat(worker.getBean(KafkaListenerEndpointRegistry.class).getListenerContainers())
                    .allMatch(container -> container.isRunning());
        }
        assertThat(cluster.jdbc.queryForObject("select count(*) from jobs where state = 'RUNNING'", Integer.class))
                .isZero();
    }

    private static Case multipart(String name, String contentType, byte[] body, int... statuses) {
        return new Case(name, "POST /v1/images HTTP/1.1\nHost: localhost\nContent-Type: " + contentType
                + "\nContent-Length: " + body.length + "\nConnection: close\n", body, statuses);
    }

    private static Case json(String name, String requestLine, byte[] body, int... statuses) {
        return new Case(name, requestLine + " HTTP/1.1\nHost: localhost\nContent-Type: application/json\n"
                + "Content-Length: " + body.length + "\nConnection: close\n", body, statuses);
    }

    private static Case get(String name, String requestLine, int... statuses) {
        return new Case(name, requestLine + " HTTP/1.1\nHost: localhost\nConnection: close\n", new byte[0], statuses);
    }

    private static byte[] closing(String boundary) {
        return ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The PNG with its first chunk's CRC flipped: every decoder that checks CRCs refuses it. */
    private static byte[] brokenCrc(byte[] png) {
        byte[] copy = png.clone();
        int ihdrCrc = 8 + 4 + 4 + 13; // signature, length, type, IHDR data
        CRC32 crc = new CRC32();
        crc.update(copy, 12, 4 + 13);
        copy[ihdrCrc] ^= (byte) 0xFF;
        assertThat(crc.getValue()).isNotEqualTo(((copy[ihdrCrc] & 0xFFL) << 24) | ((copy[ihdrCrc + 1] & 0xFFL) << 16)
                | ((copy[ihdrCrc + 2] & 0xFFL) << 8) | (copy[ihdrCrc + 3] & 0xFFL));
        return copy;
    }

    private static byte[] chunked(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int chunk = 64 * 1024;
        for (int at = 0; at < body.length; at += chunk) {
            int size = Math.min(chunk, body.length - at);
            out.writeBytes((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body, at, size);
            out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static String abbreviated(String text) {
        return text.length() <= 400 ? text : text.substring(0, 400) + "...";
    }
}
