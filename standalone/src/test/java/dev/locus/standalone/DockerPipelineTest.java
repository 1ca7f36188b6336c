package dev.locus.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.testcontainers.containers.MinIOContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import tools.jackson.databind.JsonNode;

/**
 * The pipeline against the images production runs (apache/kafka, postgres, minio), where a Docker
 * daemon exists; skipped without one. The in-JVM servers of {@link PipelineTest} cover the same
 * flows everywhere else.
 */
@Testcontainers(disabledWithoutDocker = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DockerPipelineTest {

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.0");

    @Container
    static final PostgreSQLContainer POSTGRES = new PostgreSQLContainer("postgres:18")
            .withDatabaseName("locus").withUsername("locus").withPassword("locus");

    @Container
    static final MinIOContainer MINIO = new MinIOContainer("minio/minio:latest");

    LocusCluster cluster;

    @BeforeAll
    void start() {
        cluster = LocusCluster.start(null, Map.of(
                "spring.kafka.bootstrap-servers", KAFKA.getBootstrapServers(),
                "spring.datasource.url", POSTGRES.getJdbcUrl(),
                "spring.datasource.username", POSTGRES.getUsername(),
                "spring.datasource.password", POSTGRES.getPassword(),
                "locus.storage.endpoint", MINIO.getS3URL(),
                "locus.storage.access-key", MINIO.getUserName(),
                "locus.storage.secret-key", MINIO.getPassword()));
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void discoveryThenEditOnTheProductionServers() {
        String image = cluster.upload(LocusCluster.picture(3));
        String mask = cluster.upload(LocusCluster.mask(3, 3, 13, 7));
        String discovery = cluster.submit("/v1/discoveries", Map.of("model", LocusCluster.MODEL_ID, "image", image,
                "method", "LOCO", "mask", mask, "rank", 2, "nullRank", 2, "steps", 10, "name", "docker-eyes"));
        assertThat(cluster.awaitState(discovery, "SUCCEEDED").get("state").asString()).isEqualTo("SUCCEEDED");

        String edit = cluster.submit("/v1/edits", Map.of("model", LocusCluster.MODEL_ID, "image", image, "steps", 10,
                "directions", List.of(Map.of("ref", "docker-eyes@1")), "strengths", List.of(-4, 4)));
        JsonNode done = cluster.awaitState(edit, "SUCCEEDED");
        assertThat(done.at("/result/images").size()).as(done.toString()).isEqualTo(2);
        assertThat(cluster.bytes(done.at("/result/images/1/download").asString())).isNotEmpty();
    }
}
