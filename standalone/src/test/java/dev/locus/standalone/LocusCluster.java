package dev.locus.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.locus.standalone.embedded.LocalServers;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import javax.imageio.ImageIO;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real Kafka, PostgreSQL and S3 servers plus the three services in this JVM, serving the engine's
 * tiny 16x16 test model, with the HTTP calls the tests make.
 */
final class LocusCluster implements AutoCloseable {

    static final Path MODEL = Path.of("../engine/src/test/resources/fixtures/diffusers/unet2d-small").toAbsolutePath().normalize();
    static final String MODEL_ID = "unet2d-small";
    static final int SIZE = 16;
    static final String WEBHOOK_SECRET = "test-secret";

    final AutoCloseable servers;
    final Map<String, Object> properties;
    final LocusServices services;
    final RestClient http;
    final JsonMapper json = JsonMapper.builder().build();
    final JdbcTemplate jdbc;

    private LocusCluster(AutoCloseable servers, Map<String, Object> properties, LocusServices services) {
        this.servers = servers;
        this.properties = properties;
        this.services = services;
        this.http = RestClient.builder().baseUrl("http://localhost:" + services.port())
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {})
                .build();
        this.jdbc = services.gateway().getBean(JdbcTemplate.class);
    }

    /** In-JVM servers under {@code dataDir}. */
    static LocusCluster start(Path dataDir) {
        LocalServers servers = LocalServers.start(dataDir);
        try {
            return start(servers, servers.springProperties());
        } catch (RuntimeException e) {
            servers.close();
            throw e;
        }
    }

    /** Servers started elsewhere (containers), closed with the cluster when {@code servers} is not null. */
    static LocusCluster start(AutoCloseable servers, Map<String, Object> serverProperties) {
        Map<String, Object> properties = new LinkedHashMap<>(serverProperties);
        properties.put("locus.models.paths", MODEL.toString());
        properties.put("locus.models.device", "cpu");
        properties.put("locus.models.threads", 1);
        properties.put("locus.worker.retries", 2);
        properties.put("locus.worker.retry-backoff", "200ms");
        properties.put("locus.worker.progress-interval", "50ms");
        properties.put("locus.worker.heartbeat-interval", "250ms");
        properties.put("locus.gateway.silent-jobs.after", SILENCE.toMillis() + "ms");
        properties.put("locus.gateway.silent-jobs.check-interval", "250ms");
        properties.put("locus.gateway.outbox.poll-delay", "50ms");
        properties.put("locus.gateway.webhooks.poll-delay", "100ms");
        properties.put("locus.gateway.webhooks.secret", WEBHOOK_SECRET);
        properties.put("locus.direction-worker.preview-strength-x-t", 4);
        return new LocusCluster(servers, properties, LocusServices.start(properties, 0));
    }

    String bootstrapServers() {
        return String.valueOf(properties.get("spring.kafka.bootstrap-servers"));
    }

    /** A smooth seeded RGB picture at the model's resolution, as PNG bytes. */
    static byte[] picture(long seed) {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        Color a = new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256));
        Color b = new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256));
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                double t = (x + y) / (2.0 * SIZE);
                image.setRGB(x, y, new Color((int) (a.getRed() * (1 - t) + b.getRed() * t),
                        (int) (a.getGreen() * (1 - t) + b.getGreen() * t), (int) (a.getBlue() * (1 - t) + b.getBlue() * t)).getRGB());
            }
        }
        return png(image);
    }

    /** White inside the rectangle [x0, x1) x [y0, y1), black elsewhere. */
    static byte[] mask(int x0, int y0, int x1, int y1) {
        BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                image.setRGB(x, y, Color.WHITE.getRGB());
            }
        }
        return png(image);
    }

    static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Uploads PNG bytes and returns the image id. */
    String upload(byte[] png) {
        ResponseEntity<String> response = upload(png, "");
        assertThat(response.getStatusCode().is2xxSuccessful()).as(response.getBody()).isTrue();
        return json.readTree(response.getBody()).get("id").asString();
    }

    /** Uploads PNG bytes with a query such as {@code ?model=m&resize=true}; the gateway's answer, errors too. */
    ResponseEntity<String> upload(byte[] png, String query) {
        LinkedMultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("file", new ByteArrayResource(png) {
            @Override
            public String getFilename() {
                return "image.png";
            }
        });
        return http.post().uri("/v1/images" + query).contentType(MediaType.MULTIPART_FORM_DATA)
                .body(form).retrieve().toEntity(String.class);
    }

    ResponseEntity<JsonNode> post(String path, Object body, String idempotencyKey) {
        RestClient.RequestBodySpec request = http.post().uri(path).contentType(MediaType.APPLICATION_JSON);
        if (idempotencyKey != null) {
            request = request.header("Idempotency-Key", idempotencyKey);
        }
        ResponseEntity<String> response = request.body(json.writeValueAsString(body)).retrieve().toEntity(String.class);
        return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders())
                .body(response.getBody() == null ? null : json.readTree(response.getBody()));
    }

    /** Submits a job and returns its id, failing on anything but 202. */
    String submit(String path, Object body) {
        ResponseEntity<JsonNode> response = post(path, body, null);
        assertThat(response.getStatusCode().value()).as(String.valueOf(response.getBody())).isEqualTo(202);
        return response.getBody().get("id").asString();
    }

    JsonNode get(String path) {
        ResponseEntity<String> response = http.get().uri(path).retrieve().toEntity(String.class);
        assertThat(response.getStatusCode().is2xxSuccessful()).as(path + ": " + response.getBody()).isTrue();
        return json.readTree(response.getBody());
    }

    byte[] bytes(String path) {
        ResponseEntity<byte[]> response = http.get().uri(path).retrieve().toEntity(byte[].class);
        assertThat(response.getStatusCode().is2xxSuccessful()).as(path).isTrue();
        return response.getBody();
    }

    /** Polls the job until {@code until} holds, failing with its last state after {@code timeout}. */
    JsonNode awaitJob(String id, Predicate<JsonNode> until, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode job = get("/v1/jobs/" + id);
        while (!until.test(job)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("job " + id + " did not get there in " + timeout + "; last: " + job);
            }
            sleep(100);
            job = get("/v1/jobs/" + id);
        }
        return job;
    }

    JsonNode awaitState(String id, String state) {
        return awaitJob(id, job -> job.get("state").asString().equals(state)
                || job.get("state").asString().matches("SUCCEEDED|FAILED|CANCELED"), Duration.ofMinutes(3));
    }

    /** How long a running job's worker may be silent before the gateway re-queues the job (short, for tests). */
    static final Duration SILENCE = Duration.ofSeconds(3);

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        try {
            services.close();
        } finally {
            if (servers != null) {
                try {
                    servers.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }
}
