package dev.locus.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * docker-compose.yml and the Kubernetes manifests cannot run here (no Docker daemon, no cluster),
 * so they are checked against the code instead: every Spring or Locus setting they pass to a
 * Locus service must be a configuration key some module declares, the servers they point at must
 * be services of the same file, and the credentials must match on both sides.
 */
class DeploymentFilesTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static Set<String> knownKeys;

    @BeforeAll
    static void readConfigurationMetadata() throws IOException {
        knownKeys = new HashSet<>();
        JsonMapper json = JsonMapper.builder().build();
        for (URL url : Collections.list(DeploymentFilesTest.class.getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
            try (InputStream in = url.openStream()) {
                for (JsonNode property : json.readTree(in).path("properties")) {
                    knownKeys.add(canonical(property.get("name").asString()));
                }
            }
        }
        assertThat(knownKeys).as("metadata of Locus and Spring Boot modules")
                .contains(canonical("locus.storage.access-key"), canonical("spring.datasource.url"),
                        canonical("spring.kafka.bootstrap-servers"), canonical("locus.worker.job-time-limit"))
                .doesNotContain(canonical("LOCUS_STORAGE_ACESS_KEY"), canonical("LOCUS_GATEWAY_WEBHOOK_SECRET"));
    }

    /** locus.storage.access-key and LOCUS_STORAGE_ACCESS_KEY both become locusstorageaccesskey. */
    static String canonical(String key) {
        return key.toLowerCase(Locale.ROOT).replaceAll("[._\\-]", "");
    }

    static boolean isServiceSetting(String env) {
        return env.startsWith("SPRING_") || env.startsWith("LOCUS_") || env.startsWith("SERVER_")
                || env.startsWith("MANAGEMENT_");
    }

    @Test
    @SuppressWarnings("unchecked")
    void composeFileMatchesTheApplicationsConfiguration() throws IOException {
        Map<String, Object> compose = yaml(ROOT.resolve("docker-compose.yml")).get(0);
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        assertThat(services).containsKeys("kafka", "postgres", "minio", "gateway", "direction-worker", "edit-worker");

        for (String name : List.of("gateway", "direction-worker", "edit-worker")) {
            Map<String, Object> service = services.get(name);
            Map<String, Object> build = (Map<String, Object>) service.get("build");
            String module = (String) ((Map<String, Object>) build.get("args")).get("MODULE");
            assertThat(ROOT.resolve(module).resolve("pom.xml")).as(name + " builds module " + module).isRegularFile();
            assertThat(ROOT.resolve((String) build.get("dockerfile"))).isRegularFile();

            Map<String, Object> env = (Map<String, Object>) service.get("environment");
            env.keySet().stream().filter(DeploymentFilesTest::isServiceSetting)
                    .forEach(key -> assertThat(knownKeys).as(name + ": " + key + " is no configuration key")
                            .contains(canonical(key)));
            assertThat(host(env.get("SPRING_DATASOURCE_URL"))).isIn(services.keySet());
            assertThat(host("kafka://" + env.get("SPRING_KAFKA_BOOTSTRAP_SERVERS"))).isIn(services.keySet());
            assertThat(host(env.get("LOCUS_STORAGE_ENDPOINT"))).isIn(services.keySet());

            Map<String, Object> postgres = (Map<String, Object>) services.get("postgres").get("environment");
            assertThat(env.get("SPRING_DATASOURCE_USERNAME")).isEqualTo(postgres.get("POSTGRES_USER"));
            assertThat(env.get("SPRING_DATASOURCE_PASSWORD")).isEqualTo(postgres.get("POSTGRES_PASSWORD"));
            assertThat((String) env.get("SPRING_DATASOURCE_URL")).endsWith("/" + postgres.get("POSTGRES_DB"));
            Map<String, Object> minio = (Map<String, Object>) services.get("minio").get("environment");
            assertThat(env.get("LOCUS_STORAGE_ACCESS_KEY")).isEqualTo(minio.get("MINIO_ROOT_USER"));
            assertThat(env.get("LOCUS_STORAGE_SECRET_KEY")).isEqualTo(minio.get("MINIO_ROOT_PASSWORD"));
            assertThat(ROOT.resolve(((String) env.get("LOCUS_MODELS_PATHS")).replaceFirst("^/app/", "")))
                    .as("the model folder the image copies").isDirectory();
        }
        Map<String, Object> editDeploy = (Map<String, Object>) services.get("edit-worker").get("deploy");
        assertThat(editDeploy.get("replicas")).isEqualTo(2);
    }

    @Test
    @SuppressWarnings("unchecked")
    void kubernetesManifestsMatchTheApplicationsConfiguration() throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        try (var files = Files.list(ROOT.resolve("deploy/kubernetes"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                documents.addAll(yaml(file));
            }
        }
        Map<String, Map<String, Object>> configs = new LinkedHashMap<>();
        Set<String> servicesNamed = new HashSet<>();
        List<Map<String, Object>> deployments = new ArrayList<>();
        for (Map<String, Object> doc : documents) {
            String kind = (String) doc.get("kind");
            Map<String, Object> metadata = (Map<String, Object>) doc.getOrDefault("metadata", Map.of());
            String name = (String) metadata.get("name");
            switch (kind == null ? "" : kind) {
                case "ConfigMap" -> configs.put(name, (Map<String, Object>) doc.get("data"));
                case "Secret" -> configs.put(name, (Map<String, Object>) doc.get("stringData"));
                case "Service" -> servicesNamed.add(name);
                case "Deployment" -> deployments.add(doc);
                default -> { }
            }
        }
        assertThat(deployments).extracting(d -> ((Map<String, Object>) d.get("metadata")).get("name"))
                .containsExactlyInAnyOrder("gateway", "direction-worker", "edit-worker");
        for (Map<String, Object> deployment : deployments) {
            Map<String, Object> pod = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
                    deployment.get("spec")).get("template")).get("spec");
            for (Map<String, Object> container : (List<Map<String, Object>>) pod.get("containers")) {
                Map<String, Object> env = new LinkedHashMap<>();
                for (Map<String, Object> from : (List<Map<String, Object>>) container.getOrDefault("envFrom", List.of())) {
                    Map<String, Object> ref = (Map<String, Object>) from.getOrDefault("configMapRef", from.get("secretRef"));
                    assertThat(configs).as("referenced config").containsKey((String) ref.get("name"));
                    env.putAll(configs.get((String) ref.get("name")));
                }
                for (Map<String, Object> var : (List<Map<String, Object>>) container.getOrDefault("env", List.of())) {
                    env.put((String) var.get("name"), var.get("value"));
                }
                String name = (String) container.get("name");
                // the tag the Dockerfiles' build lines and the README give: workers run the CUDA build
                assertThat(container.get("image")).as(name + "'s image")
                        .isEqualTo("locus-" + name + ":" + releaseVersion() + (name.endsWith("worker") ? "-gpu" : ""));
                env.keySet().stream().filter(DeploymentFilesTest::isServiceSetting)
                        .forEach(key -> assertThat(knownKeys).as(name + ": " + key + " is no configuration key")
                                .contains(canonical(key)));
                assertThat(host(env.get("SPRING_DATASOURCE_URL"))).isIn(servicesNamed);
                assertThat(host("kafka://" + env.get("SPRING_KAFKA_BOOTSTRAP_SERVERS"))).isIn(servicesNamed);
                assertThat(host(env.get("LOCUS_STORAGE_ENDPOINT"))).isIn(servicesNamed);
                if (name.endsWith("worker")) {
                    Map<String, Object> limits = (Map<String, Object>) ((Map<String, Object>) container.get("resources"))
                            .get("limits");
                    assertThat(limits).as(name + " asks for a GPU").containsKey("nvidia.com/gpu");
                }
            }
        }
    }

    /** The project's version without -SNAPSHOT: 0.1.0. */
    private static String releaseVersion() throws IOException {
        String pom = Files.readString(ROOT.resolve("pom.xml"));
        String version = pom.replaceFirst("(?s).*?</parent>", "").replaceFirst("(?s).*?<version>([^<]+)</version>.*", "$1");
        return version.replace("-SNAPSHOT", "");
    }

    private static String host(Object url) {
        String text = String.valueOf(url).replaceFirst("^jdbc:", "");
        return URI.create(text).getHost();
    }

    private static List<Map<String, Object>> yaml(Path file) throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        LoaderOptions options = new LoaderOptions();
        try (Reader reader = Files.newBufferedReader(file)) {
            for (Object doc : new Yaml(options).loadAll(reader)) {
                if (doc != null) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> map = (Map<String, Object>) doc;
                    documents.add(map);
                }
            }
        }
        return documents;
    }
}
