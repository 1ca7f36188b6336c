package dev.locus.standalone.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real servers, real clients, no Docker: one cold start shared by the round trips, then a
 * restart on the same data directory that must find everything again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalServersTest {

    private static final String TOPIC = "round-trip";
    private static final String BUCKET = "locus-test";
    /** Above MinIO's 5 MiB part size: uploaded in two parts. */
    private static final byte[] LARGE = randomBytes(6 * 1024 * 1024);
    private static final byte[] SMALL = "hello, locus".getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path dataDir;

    static LocalServers servers;

    @BeforeAll
    static void start() {
        LocalServers.Settings defaults = LocalServers.Settings.defaults();
        LocalServers.Settings settings = new LocalServers.Settings(new EmbeddedKafka.Config(0, 0, 2),
                defaults.postgres(), defaults.s3());
        servers = LocalServers.start(dataDir, settings.on(ServerPorts.resolve(dataDir, ServerPorts.unset())));
        System.out.println("cold start: " + servers.readyAfter());
    }

    @AfterAll
    static void stop() {
        if (servers != null) {
            servers.close();
        }
    }

    @Test
    @Order(1)
    void springPropertiesPointAtTheServers() {
        Map<String, Object> p = servers.springProperties();
        assertThat(p).containsOnlyKeys("spring.kafka.bootstrap-servers", "spring.datasource.url",
                "spring.datasource.username", "spring.datasource.password", "locus.storage.endpoint",
                "locus.storage.access-key", "locus.storage.secret-key");
        assertThat(p.get("spring.datasource.url")).asString().startsWith("jdbc:postgresql://localhost:").endsWith("/locus");
        assertThat(p.get("spring.kafka.bootstrap-servers")).asString().startsWith("127.0.0.1:");
        assertThat(p.get("locus.storage.endpoint")).asString().startsWith("http://127.0.0.1:");
    }

    @Test
    @Order(2)
    void kafkaProduceThenConsume() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                servers.kafka().bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
        }
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>(TOPIC, "k1", "v1")).get();
        }
        assertThat(consumeAll(TOPIC, "group-1", 1)).containsExactly("k1=v1");
    }

    @Test
    @Order(3)
    void autoCreatedTopicsGetTheConfiguredPartitionCount() throws Exception {
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>("auto-created", "k", "v")).get();
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                servers.kafka().bootstrapServers()))) {
            assertThat(admin.describeTopics(Set.of("auto-created")).allTopicNames().get()
                    .get("auto-created").partitions()).hasSize(2);
        }
    }

    @Test
    @Order(4)
    void jdbcCreateInsertSelect() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("create table note (id int primary key, body text not null)");
            s.executeUpdate("insert into note values (1, 'kept')");
            try (ResultSet r = s.executeQuery("select body, current_user, version() from note where id = 1")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getString(1)).isEqualTo("kept");
                assertThat(r.getString(2)).isEqualTo("locus");
                assertThat(r.getString(3)).startsWith("PostgreSQL 18.");
            }
        }
    }

    @Test
    @Order(5)
    void s3PutThenGetSmallAndMultipart() throws Exception {
        MinioClient s3 = s3();
        s3.makeBucket(MakeBucketArgs.builder().bucket(BUCKET).build());
        put(s3, "small.txt", SMALL);
        put(s3, "large.bin", LARGE);
        assertThat(get(s3, "small.txt")).isEqualTo(SMALL);
        assertThat(get(s3, "large.bin")).isEqualTo(LARGE);
    }

    @Test
    @Order(6)
    void restartOnTheSameDataDirKeepsEverything() throws Exception {
        Map<String, Object> before = servers.springProperties();
        servers.close();
        servers = null;
        servers = LocalServers.start(dataDir);
        System.out.println("warm start: " + servers.readyAfter());
        // the same addresses: workers outside the local mode reconnect without being told anything new
        assertThat(servers.springProperties()).isEqualTo(before);

        try (Connection c = connect(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select body from note where id = 1")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getString(1)).isEqualTo("kept");
        }
        MinioClient s3 = s3();
        assertThat(s3.bucketExists(BucketExistsArgs.builder().bucket(BUCKET).build())).isTrue();
        assertThat(get(s3, "small.txt")).isEqualTo(SMALL);
        assertThat(get(s3, "large.bin")).isEqualTo(LARGE);
        // The broker kept its log: a new group reads the record written before the restart.
        assertThat(consumeAll(TOPIC, "group-2", 1)).containsExactly("k1=v1");
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafka().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
    }

    private static List<String> consumeAll(String topic, String group, int expected) {
        List<String> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(Set.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (seen.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    seen.add(r.key() + "=" + r.value());
                }
            }
        }
        return seen;
    }

    private static Connection connect() throws Exception {
        EmbeddedPostgres pg = servers.postgres();
        return DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password());
    }

    private static MinioClient s3() {
        EmbeddedS3 s3 = servers.s3();
        return MinioClient.builder().endpoint(s3.endpoint()).credentials(s3.accessKey(), s3.secretKey()).build();
    }

    private static void put(MinioClient s3, String key, byte[] bytes) throws Exception {
        s3.putObject(PutObjectArgs.builder().bucket(BUCKET).object(key)
                .stream(new ByteArrayInputStream(bytes), (long) bytes.length, 5L * 1024 * 1024).build());
    }

    private static byte[] get(MinioClient s3, String key) throws Exception {
        try (InputStream in = s3.getObject(GetObjectArgs.builder().bucket(BUCKET).object(key).build())) {
            return in.readAllBytes();
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new Random(42).nextBytes(bytes);
        return bytes;
    }
}
