package dev.locus.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.locus.common.jobs.Job;
import dev.locus.common.jobs.JobHolder;
import dev.locus.common.jobs.JobState;
import dev.locus.common.jobs.JobStore;
import dev.locus.common.jobs.JobType;
import dev.locus.common.jobs.JobView;
import dev.locus.common.messages.LocusKafkaProperties;
import dev.locus.common.registry.DirectionVersion;
import dev.locus.common.storage.BlobStore;
import dev.locus.common.storage.Sha256;
import dev.locus.common.storage.StorageUnavailableException;
import dev.locus.gateway.models.ModelRegistration;
import dev.locus.worker.runtime.BadJobException;
import dev.locus.worker.runtime.FailedJobRecoverer;
import dev.locus.worker.runtime.HandBackException;
import dev.locus.worker.runtime.JobRunner;
import dev.locus.worker.runtime.WorkerMetrics;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.MessageListenerContainer;
import tools.jackson.databind.JsonNode;

/**
 * The whole pipeline on real servers: the gateway accepts jobs, Kafka carries them, the workers
 * run the engine, PostgreSQL and S3 keep the outcome. One cluster serves every test (starting it
 * is the expensive part); the tests run in order because later ones reuse earlier directions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineTest {

    LocusCluster cluster;
    String image;
    String eyes;
    String mouth;

    @BeforeAll
    void start(@TempDir Path dataDir) {
        cluster = LocusCluster.start(dataDir);
        image = cluster.upload(LocusCluster.picture(1));
        eyes = cluster.upload(LocusCluster.mask(3, 3, 13, 7));
        mouth = cluster.upload(LocusCluster.mask(4, 10, 12, 14));
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private Map<String, Object> loco(String name, String mask, int steps) {
        return Map.of("model", LocusCluster.MODEL_ID, "image", image, "method", "LOCO", "mask", mask, "rank", 2,
                "nullRank", 2, "steps", steps, "seed", 7, "name", name, "tags", List.of("test"));
    }

    @Test
    @Order(1)
    void registersTheShippedModelAtStartup() {
        JsonNode models = cluster.get("/v1/models");
        assertThat(models.toString()).contains(LocusCluster.MODEL_ID).contains("\"fingerprint\"");
    }

    @Test
    @Order(1)
    void aModelNoLongerConfiguredIsRetiredAndRefusesNewJobs() {
        // a row an earlier configuration registered; the running gateway's catalog has only the test model
        cluster.jdbc.update("insert into models (id, name, fingerprint, model_class, sample_size, in_channels, "
                + "config_summary, registered_at) values ('old-faces', 'old-faces', 'sha256:0', 'UNet2DModel', 16, 3, "
                + "'an earlier configuration', now())");
        cluster.services.gateway().getBean(ModelRegistration.class).retireUnconfigured();

        assertThat(cluster.get("/v1/models").toString()).contains(LocusCluster.MODEL_ID).doesNotContain("old-faces");
        assertThat(cluster.get("/v1/models?includeRetired=true").toString()).contains("old-faces");
        assertThat(cluster.get("/v1/models/old-faces").get("retiredAt").isNull()).isFalse();
        assertThat(cluster.get("/v1/models/" + LocusCluster.MODEL_ID).get("retiredAt").isNull()).isTrue();

        Map<String, Object> body = new java.util.HashMap<>(loco("on-old-faces", eyes, 10));
        body.put("model", "old-faces");
        ResponseEntity<JsonNode> refused = cluster.post("/v1/discoveries", body, null);
        assertThat(refused.getStatusCode().value()).isEqualTo(422);
        assertThat(refused.getBody().toString()).contains("retired").contains("old-faces");

        // an upload sized for it would only feed a job that is refused
        ResponseEntity<String> upload = cluster.upload(LocusCluster.picture(3), "?model=old-faces&resize=true");
        assertThat(upload.getStatusCode().value()).isEqualTo(422);
        assertThat(upload.getBody()).contains("retired").contains("old-faces");
    }

    @Test
    @Order(1)
    void bodiesThatMeanSomethingElseThanTheySayAreRefusedAsProblems() {
        Map<String, Object> fractionalSteps = new java.util.HashMap<>(loco("fractional", eyes, 10));
        fractionalSteps.put("steps", 20.5);
        ResponseEntity<JsonNode> refused = cluster.post("/v1/discoveries", fractionalSteps, null);
        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        assertThat(refused.getBody().get("field").asString()).isEqualTo("steps");

        for (String path : List.of("/v1/directions/anything@1", "/v1/directions/anything/aliases/best")) {
            ResponseEntity<String> plainText = cluster.http.method(path.contains("aliases")
                            ? org.springframework.http.HttpMethod.PUT : org.springframework.http.HttpMethod.PATCH)
                    .uri(path).contentType(org.springframework.http.MediaType.TEXT_PLAIN).body("{\"tags\":[\"a\"]}")
                    .exchange((request, response) -> ResponseEntity.status(response.getStatusCode())
                            .headers(response.getHeaders()).body(new String(response.getBody().readAllBytes())));
            assertThat(plainText.getStatusCode().value()).as(path).isEqualTo(415);
            assertThat(plainText.getHeaders().getContentType().toString()).as(path).isEqualTo("application/problem+json");
        }
        assertThat(cluster.jdbc.queryForObject("select count(*) from jobs where request like '%\"fractional\"%'",
                Integer.class)).isZero();
    }

    @Test
    @Order(1)
    void aMaskThatSelectsNothingIsRefusedBeforeAJobIsQueued() {
        // read from S3 as the workers would read it: a mask is white inside; this one is black throughout
        String black = cluster.upload(LocusCluster.mask(0, 0, 0, 0));
        ResponseEntity<JsonNode> refused = cluster.post("/v1/discoveries", loco("nothing", black, 10), null);
        assertThat(refused.getStatusCode().value()).isEqualTo(422);
        assertThat(refused.getBody().get("reason").asString()).isEqualTo("empty-mask");
        assertThat(cluster.jdbc.queryForObject("select count(*) from jobs where request like '%\"nothing\"%'",
                Integer.class)).isZero();
    }

    @Test
    @Order(1)
    void onlyTheLatestClaimMovesAJob() {
        JobStore store = cluster.services.gateway().getBean(JobStore.class);
        // straight into the store, so that no worker receives it: the test plays the workers
        UUID id = queuedJob();
        JobHolder first = store.claim(id, "worker-a").holder();
        // a rebalance delivers the job again, to another worker, while the first one still runs it
        JobHolder second = store.claim(id, "worker-b").holder();

        assertThat(store.progress(id, first, "sampling", 1, 10)).isEqualTo(JobStore.Reply.LOST);
        // the first worker shutting down hands nothing back, and its late outcomes change nothing
        assertThat(store.requeue(id, first)).isEmpty();
        assertThat(store.canceled(id, first)).isEmpty();
        assertThat(store.fail(id, first, "WORKER_ERROR", "late")).isEmpty();
        assertThat(store.succeed(id, first, Map.of("from", "a"))).isEmpty();
        assertThat(store.view(id).state()).isEqualTo(JobState.RUNNING);

        assertThat(store.progress(id, second, "sampling", 2, 10)).isEqualTo(JobStore.Reply.CONTINUE);
        JobView done = store.succeed(id, second, Map.of("from", "b")).orElseThrow();
        assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(done.result().get("from").asString()).isEqualTo("b");
        assertThat(store.progress(id, second, "sampling", 3, 10)).isEqualTo(JobStore.Reply.LOST);
    }

    @Test
    @Order(1)
    void aWorkerThatLostItsJobLeavesItToTheWorkerThatTookItOver() {
        JobStore store = cluster.services.gateway().getBean(JobStore.class);
        JobRunner runner = cluster.services.workers().get(0).getBean(JobRunner.class);
        UUID id = queuedJob();

        // while this worker computes, a rebalance hands the job to worker-b; then this worker runs past its time
        // limit: it must neither fail the job itself nor throw for the dead-letter recoverer to fail it
        runner.run(id, JobType.EDIT, execution -> {
            store.claim(id, "worker-b");
            throw new BadJobException("TIME_LIMIT", "the job ran longer than locus.worker.job-time-limit");
        });
        assertThat(store.view(id).state()).isEqualTo(JobState.RUNNING);

        // nor when its computation fails for a reason a retry might cure: retrying would claim the job back from
        // worker-b, and the dead-letter recoverer would fail it under worker-b's claim
        runner.run(id, JobType.EDIT, execution -> {
            store.claim(id, "worker-b");
            throw new IllegalStateException("storage unavailable");
        });
        assertThat(store.view(id).state()).isEqualTo(JobState.RUNNING);

        // when the worker that took the job over has handed it back to the queue meanwhile, this worker hands its
        // record back too, so that the queued job keeps a message
        assertThatThrownBy(() -> runner.run(id, JobType.EDIT, execution -> {
            store.requeue(id, store.claim(id, "worker-c").holder());
            execution.phase("storing");
            return Map.of();
        })).isInstanceOf(HandBackException.class);
        assertThat(store.view(id).state()).isEqualTo(JobState.QUEUED);
    }

    @Test
    @Order(1)
    void theDeadLetterPathFailsOnlyAJobThatNoOtherWorkerRuns() {
        JobStore store = cluster.services.gateway().getBean(JobStore.class);
        WorkerMetrics metrics = cluster.services.workers().get(0).getBean(WorkerMetrics.class);
        List<ConsumerRecord<?, ?>> deadLettered = new ArrayList<>();
        FailedJobRecoverer recoverer = new FailedJobRecoverer(store, metrics, (record, e) -> deadLettered.add(record),
                "edit-jobs", "worker-a");

        // worker-a gave up after its last retry, but a rebalance had meanwhile handed the job to worker-b
        UUID takenOver = queuedJob();
        store.claim(takenOver, "worker-a");
        store.claim(takenOver, "worker-b");
        recoverer.accept(new ConsumerRecord<>("edit-jobs", 0, 0L, takenOver.toString(), "{}"),
                new IllegalStateException("storage unavailable"));
        assertThat(store.view(takenOver).state()).isEqualTo(JobState.RUNNING);

        // still worker-a's: FAILED with the reason
        UUID own = queuedJob();
        store.claim(own, "worker-a");
        recoverer.accept(new ConsumerRecord<>("edit-jobs", 0, 1L, own.toString(), "{}"),
                new IllegalStateException("storage unavailable"));
        JobView failed = store.view(own);
        assertThat(failed.state()).isEqualTo(JobState.FAILED);
        assertThat(failed.error().code()).isEqualTo("INTERNAL_ERROR");
        assertThat(failed.error().message()).doesNotContain("storage unavailable").contains("reference");

        // both messages are dead-lettered whatever happened to their jobs: nothing accepted is lost
        assertThat(deadLettered.stream().map(record -> String.valueOf(record.key())))
                .containsExactly(takenOver.toString(), own.toString());
    }

    @Test
    @Order(1)
    void everyWorkerListenerTakesItsPartitionsInTurn() {
        for (ConfigurableApplicationContext worker : cluster.services.workers()) {
            for (MessageListenerContainer container : worker.getBean(KafkaListenerEndpointRegistry.class)
                    .getListenerContainers()) {
                assertThat(org.springframework.test.util.ReflectionTestUtils.getField(container, "recordInterceptor"))
                        .as(container.getListenerId()).isInstanceOf(dev.locus.worker.runtime.PartitionTurns.class);
            }
        }
    }

    /**
     * The worker groups run Kafka's consumer group protocol (KIP-848): the broker assigns partitions member by member,
     * so a worker busy with a long job does not hold up the assignment of a dead worker's partitions to the others.
     */
    @Test
    void theWorkerGroupsRunKafkasConsumerProtocol() throws Exception {
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
            var groups = admin.listGroups().all().get(30, java.util.concurrent.TimeUnit.SECONDS);
            var workerGroups = groups.stream().filter(g -> g.groupId().contains("worker")).toList();
            assertThat(workerGroups).as(groups.toString()).hasSizeGreaterThanOrEqualTo(2);
            for (var group : workerGroups) {
                assertThat(group.type()).as(group.groupId())
                        .contains(org.apache.kafka.common.GroupType.CONSUMER);
            }
        }
    }

    @Test
    @Order(1)
    void theApiDocumentDescribesTheApiAsItIs() throws Exception {
        JsonNode doc = cluster.get("/v3/api-docs");
        java.nio.file.Files.writeString(Path.of("target", "api-docs.json"), doc.toPrettyString());
        assertThat(doc.at("/info/title").asString()).isEqualTo("Locus API");

        JsonNode discover = doc.at("/paths/~1v1~1discoveries/post");
        assertThat(discover.at("/responses").propertyNames()).contains("202", "400", "413", "415", "422")
                .doesNotContain("200");
        assertThat(discover.at("/responses/422/content/application~1problem+json/schema/$ref").asString())
                .isEqualTo("#/components/schemas/Problem");
        assertThat(doc.at("/paths/~1v1~1images/post/responses").propertyNames()).contains("201", "200", "413");
        assertThat(doc.at("/paths/~1v1~1jobs~1{id}/get/responses").propertyNames()).contains("200", "404");
        assertThat(doc.at("/paths/~1v1~1directions~1{ref}/delete/responses").propertyNames()).contains("204", "409")
                .doesNotContain("200");
        assertThat(doc.toString()).as("no response left as */*").doesNotContain("\"*/*\"");

        JsonNode discovery = doc.at("/components/schemas/DiscoveryRequest");
        assertThat(discovery.get("required").valueStream().map(JsonNode::asString))
                .containsExactlyInAnyOrder("model", "image", "method", "name");
        assertThat(discovery.at("/properties/method/enum").valueStream().map(JsonNode::asString))
                .containsExactly("LOCO", "JIVE");
        assertThat(discovery.at("/properties/rank/maximum").asInt()).isEqualTo(16);
        assertThat(discovery.at("/properties/timestep/default").asDouble()).isEqualTo(0.6);
        assertThat(discovery.at("/properties/steps/minimum").asInt()).isEqualTo(2);
        assertThat(discovery.at("/properties/steps/maximum").asInt()).isEqualTo(1000);
        assertThat(discovery.at("/properties/mask/description").asString()).contains("LOCO");
        JsonNode edit = doc.at("/components/schemas/EditRequest");
        assertThat(edit.at("/properties/directions/maxItems").asInt()).isEqualTo(8);
        assertThat(doc.at("/components/schemas/Term/properties/strength/default").asDouble()).isEqualTo(1.0);
        assertThat(doc.at("/components/schemas/Problem/required").valueStream().map(JsonNode::asString))
                .contains("reason", "status");
    }

    @Test
    @Order(1)
    void everyFailedAttemptEndsVisiblyWithACodeAPlainSentenceAndWhereItFailed() {
        JobStore store = cluster.services.gateway().getBean(JobStore.class);
        JobRunner runner = cluster.services.workers().get(0).getBean(JobRunner.class);

        // a defect: not "bad input", not retried, no stack trace for the user, progress where it failed (the last
        // step came within the progress interval of the one before, so it was never written while running)
        UUID bug = queuedJob();
        assertThatThrownBy(() -> runner.run(bug, JobType.EDIT, execution -> {
            execution.onStep("inverting", 13, 13);
            execution.onStep("power-iteration", 3, 50);
            throw new IllegalArgumentException("4 vectors for a linearization of 3 rows");
        })).isInstanceOf(BadJobException.class);
        JobView failed = store.view(bug);
        assertThat(failed.state()).isEqualTo(JobState.FAILED);
        assertThat(failed.error().code()).isEqualTo("INTERNAL_ERROR");
        assertThat(failed.error().message()).startsWith("the worker failed unexpectedly (IllegalArgumentException)")
                .doesNotContain("linearization");
        assertThat(failed.progress()).isEqualTo(new JobView.Progress("power-iteration", 3, 50));

        // what the user chose: failed at once with the engine's sentence
        UUID invalid = queuedJob();
        assertThatThrownBy(() -> runner.run(invalid, JobType.EDIT, execution -> {
            throw new dev.locus.engine.InvalidInputException("rank 4 exceeds the 3 values the mask selects");
        })).isInstanceOf(BadJobException.class);
        assertThat(store.view(invalid).error())
                .isEqualTo(new JobView.Error("INVALID_INPUT", "rank 4 exceeds the 3 values the mask selects"));

        // a transient failure: back in the queue, the reason and the attempt on the job, rethrown for a retry
        UUID transientFailure = queuedJob();
        assertThatThrownBy(() -> runner.run(transientFailure, JobType.EDIT, execution -> {
            throw new StorageUnavailableException("connection refused", null);
        })).isInstanceOf(StorageUnavailableException.class);
        JobView retrying = store.view(transientFailure);
        assertThat(retrying.state()).isEqualTo(JobState.QUEUED);
        assertThat(retrying.lastFailure()).isEqualTo(new JobView.Error("STORAGE_UNAVAILABLE",
                "object storage is unavailable; attempt 1 of 3 failed, retrying"));
        assertThat(cluster.get("/v1/jobs/" + transientFailure).at("/lastFailure/code").asString())
                .isEqualTo("STORAGE_UNAVAILABLE");
    }

    @Test
    @Order(1)
    void aJobInALongStepIsKeptAliveByItsWorkersHeartbeat() {
        JobStore store = cluster.services.gateway().getBean(JobStore.class);
        JobRunner runner = cluster.services.workers().get(0).getBean(JobRunner.class);
        UUID id = queuedJob();
        // one native call longer than the silence the gateway allows, with no progress in between
        runner.run(id, JobType.EDIT, execution -> {
            LocusCluster.sleep(LocusCluster.SILENCE.toMillis() * 2);
            return Map.of("slow", true);
        });
        JobView done = store.view(id);
        assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(done.attempts()).isEqualTo(1);
        assertThat(done.lastFailure()).isNull();
    }

    /** A job row with its request, put straight into the store: only a record sent by the test reaches a worker. */
    private UUID queuedJobWithRequest(JobType type, String request) {
        return queuedJobWithRequest(UUID.randomUUID(), type, request);
    }

    private UUID queuedJobWithRequest(UUID id, JobType type, String request) {
        cluster.services.gateway().getBean(JobStore.class)
                .create(Job.queued(id, type, LocusCluster.MODEL_ID, request, null, java.time.Instant.now()));
        return id;
    }

    /** A job put straight into the store, so that no worker receives its message. */
    private UUID queuedJob() {
        return queuedJobWithRequest(JobType.EDIT, "{}");
    }

    @Test
    @Order(1)
    void theSameBytesUploadedAtOnceAreOneImage() throws Exception {
        byte[] png = LocusCluster.picture(9);
        List<java.util.concurrent.Future<String>> uploads = new ArrayList<>();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            for (int i = 0; i < 6; i++) {
                uploads.add(pool.submit(() -> cluster.upload(png)));
            }
            java.util.Set<String> ids = new java.util.HashSet<>();
            for (var upload : uploads) {
                ids.add(upload.get());
            }
            assertThat(ids).hasSize(1);
            assertThat(cluster.jdbc.queryForObject("select count(*) from images where id = ?", Integer.class,
                    ids.iterator().next())).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Order(2)
    void discoveryRegistersAVersionWithItsBasisInStorage() {
        String job = cluster.submit("/v1/discoveries", loco("eyes-open", eyes, 10));
        JsonNode done = cluster.awaitState(job, "SUCCEEDED");
        assertThat(done.get("state").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
        JsonNode direction = done.at("/result/directions/0");
        assertThat(direction.get("ref").asString()).isEqualTo("eyes-open@1");

        Map<String, Object> row = cluster.jdbc.queryForMap(
                "select name, version, method, model_id, source_image_id, basis_sha256, seed from direction_versions where job_id = ?",
                UUID.fromString(job));
        assertThat(row).containsEntry("name", "eyes-open").containsEntry("version", 1).containsEntry("method", "LOCO")
                .containsEntry("model_id", LocusCluster.MODEL_ID).containsEntry("source_image_id", image)
                .containsEntry("seed", 7L);
        String basisSha = (String) row.get("basis_sha256");
        BlobStore blobs = cluster.services.gateway().getBean(BlobStore.class);
        assertThat(Sha256.hex(blobs.get(DirectionVersion.basisKey(basisSha)))).isEqualTo(basisSha);
        assertThat(Sha256.hex(cluster.bytes("/v1/directions/eyes-open@1/basis"))).isEqualTo(basisSha);

        JsonNode version = cluster.get("/v1/directions/eyes-open@1");
        assertThat(version.toString()).contains("singularValues").contains("eyes-open");
        BufferedImage preview = decode(cluster.bytes("/v1/directions/eyes-open@1/preview.png"));
        assertThat(preview.getHeight()).isEqualTo(LocusCluster.SIZE + 2);
        assertThat(preview.getWidth()).isEqualTo(3 * LocusCluster.SIZE + 4);

        assertThat(cluster.get("/v1/directions?namePrefix=eyes-").at("/items/0/name").asString()).isEqualTo("eyes-open");
        assertThat(cluster.get("/v1/directions?namePrefix=eyes_").get("items")).as("_ is a name character, not a wildcard")
                .isEmpty();
    }

    @Test
    @Order(3)
    void anEditComposesTwoDirections() {
        String job = cluster.submit("/v1/discoveries", loco("smile", mouth, 10));
        assertThat(cluster.awaitState(job, "SUCCEEDED").get("state").asString()).isEqualTo("SUCCEEDED");

        String edit = cluster.submit("/v1/edits", Map.of("model", LocusCluster.MODEL_ID, "image", image, "steps", 10,
                "directions", List.of(Map.of("ref", "eyes-open@1", "strength", 6), Map.of("ref", "smile", "strength", -6))));
        JsonNode done = cluster.awaitState(edit, "SUCCEEDED");
        assertThat(done.get("state").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
        assertThat(done.at("/result/images").size()).isEqualTo(1);
        byte[] png = cluster.bytes(done.at("/result/images/0/download").asString());
        assertThat(decode(png).getWidth()).isEqualTo(LocusCluster.SIZE);
        // the presigned URL works without credentials and serves the same bytes
        assertThat(fetch(done.at("/result/images/0/url").asString())).isEqualTo(png);
        assertThat(cluster.jdbc.queryForObject("select count(*) from edit_directions where job_id = ?", Integer.class,
                UUID.fromString(edit))).isEqualTo(2);
    }

    @Test
    @Order(4)
    void aSweepYieldsOneImagePerStrength() {
        String edit = cluster.submit("/v1/edits", Map.of("model", LocusCluster.MODEL_ID, "image", image, "steps", 10,
                "directions", List.of(Map.of("ref", "eyes-open@1")), "strengths", List.of(-8, 0, 8)));
        JsonNode done = cluster.awaitState(edit, "SUCCEEDED");
        JsonNode images = done.at("/result/images");
        assertThat(images.size()).as(done.toString()).isEqualTo(3);
        assertThat(images.get(0).get("strength").asDouble()).isEqualTo(-8.0);
        Set<String> distinct = new HashSet<>();
        images.forEach(i -> distinct.add(i.get("sha256").asString()));
        assertThat(distinct).as("-8, 0 and +8 give three different images").hasSize(3);
    }

    @Test
    @Order(5)
    void aRunningJobCanBeCanceled() {
        // many inversion steps: long enough to be caught running
        String job = cluster.submit("/v1/discoveries", loco("to-cancel", eyes, 400));
        cluster.awaitJob(job, j -> j.get("state").asString().equals("RUNNING") && j.hasNonNull("progress"),
                Duration.ofMinutes(2));
        ResponseEntity<JsonNode> cancel = cluster.post("/v1/jobs/" + job + "/cancel", Map.of(), null);
        assertThat(cancel.getStatusCode().is2xxSuccessful()).as(String.valueOf(cancel.getBody())).isTrue();
        assertThat(cluster.awaitState(job, "CANCELED").get("state").asString()).isEqualTo("CANCELED");
        assertThat(cluster.jdbc.queryForObject("select count(*) from direction_versions where job_id = ?",
                Integer.class, UUID.fromString(job))).isZero();
    }

    @Test
    @Order(6)
    void theSameIdempotencyKeyGivesTheSameJobAndRefusesAnotherBody() {
        Map<String, Object> body = Map.of("model", LocusCluster.MODEL_ID, "image", image, "steps", 5,
                "directions", List.of(Map.of("ref", "eyes-open@1", "strength", 2)));
        ResponseEntity<JsonNode> first = cluster.post("/v1/edits", body, "key-1");
        ResponseEntity<JsonNode> again = cluster.post("/v1/edits", body, "key-1");
        assertThat(first.getStatusCode().value()).isEqualTo(202);
        assertThat(again.getStatusCode().is2xxSuccessful()).isTrue();
        assertThat(again.getBody().get("id").asString()).isEqualTo(first.getBody().get("id").asString());

        // the same request in another key order, with 2.0 for 2: the same request, not a reused key
        Map<String, Object> rewritten = new java.util.LinkedHashMap<>();
        rewritten.put("directions", List.of(new java.util.TreeMap<>(Map.of("strength", 2.0, "ref", "eyes-open@1"))));
        rewritten.put("steps", 5);
        rewritten.put("image", image);
        rewritten.put("model", LocusCluster.MODEL_ID);
        ResponseEntity<JsonNode> sameAgain = cluster.post("/v1/edits", rewritten, "key-1");
        assertThat(sameAgain.getStatusCode().is2xxSuccessful()).isTrue();
        assertThat(sameAgain.getBody().get("id").asString()).isEqualTo(first.getBody().get("id").asString());

        Map<String, Object> other = Map.of("model", LocusCluster.MODEL_ID, "image", image, "steps", 5,
                "directions", List.of(Map.of("ref", "eyes-open@1", "strength", 3)));
        ResponseEntity<JsonNode> conflict = cluster.post("/v1/edits", other, "key-1");
        assertThat(conflict.getStatusCode().value()).isEqualTo(422);
        assertThat(conflict.getHeaders().getContentType().toString()).contains("problem+json");
        assertThat(cluster.jdbc.queryForObject("select count(*) from jobs where id = ?", Integer.class,
                UUID.fromString(first.getBody().get("id").asString()))).isEqualTo(1);
    }

    @Test
    @Order(7)
    void aRecordIsRunOrFailedOnlyWhenItIsTheJobItNames() throws Exception {
        LocusKafkaProperties kafka = cluster.services.gateway().getBean(LocusKafkaProperties.class);
        KafkaTemplate<String, String> template = gatewayKafka();

        // the job's own record, unreadable to this worker (as after a version skew): the job fails, with the reason
        UUID unreadable = queuedJobWithRequest(JobType.DISCOVERY, "{not json");
        template.send(kafka.topics().discoveryJobs(), unreadable.toString(), "{not json").get();
        JsonNode failed = cluster.awaitState(unreadable.toString(), "FAILED");
        assertThat(failed.get("state").asString()).isEqualTo("FAILED");
        assertThat(failed.at("/error/code").asString()).isEqualTo("INVALID_MESSAGE");
        assertThat(failed.at("/error/message").asString()).contains("not a discovery job");
        assertThat(awaitDeadLetter(kafka.topics().deadLetters(), unreadable.toString())).isTrue();

        // junk carrying a queued discovery's id, and a well-formed edit record carrying it on the edit topic:
        // both dead-lettered, the discovery left QUEUED
        UUID discovery = queuedJobWithRequest(JobType.DISCOVERY, "{\"jobId\":\"x\"}");
        template.send(kafka.topics().discoveryJobs(), discovery.toString(), "{not json").get();
        String misrouted = "{\"jobId\":\"" + discovery + "\",\"modelId\":\"" + LocusCluster.MODEL_ID + "\",\"imageId\":\""
                + image + "\",\"directions\":[{\"versionId\":\"" + UUID.randomUUID() + "\",\"strength\":1}],\"steps\":5}";
        template.send(kafka.topics().editJobs(), "misrouted-" + discovery, misrouted).get();
        assertThat(awaitDeadLetter(kafka.topics().deadLetters(), discovery.toString())).isTrue();
        assertThat(awaitDeadLetter(kafka.topics().deadLetters(), "misrouted-" + discovery)).isTrue();
        assertThat(cluster.get("/v1/jobs/" + discovery).get("state").asString()).isEqualTo("QUEUED");
    }

    @Test
    @Order(7)
    void aRecordTooLargeToDeadLetterIsSkippedAndBlocksNoPartition() throws Exception {
        LocusKafkaProperties kafka = cluster.services.gateway().getBean(LocusKafkaProperties.class);
        KafkaTemplate<String, String> template = gatewayKafka();
        // junk just under the producer's 1 MiB limit on every partition: with the dead-letter headers (the cause and
        // its stack trace) it exceeds it, so the dead-letter publish fails
        String junk = "x".repeat(1_045_000);
        int partitions = template.partitionsFor(kafka.topics().editJobs()).size();
        for (int p = 0; p < partitions; p++) {
            template.send(kafka.topics().editJobs(), p, "junk-" + p, junk).get();
        }
        String edit = cluster.submit("/v1/edits", Map.of("model", LocusCluster.MODEL_ID, "image", image, "steps", 10,
                "directions", List.of(Map.of("ref", "eyes-open@1", "strength", 4))));
        assertThat(cluster.awaitState(edit, "SUCCEEDED").get("state").asString()).isEqualTo("SUCCEEDED");
        double skipped = 0;
        for (ConfigurableApplicationContext worker : cluster.services.workers()) {
            var counter = worker.getBean(io.micrometer.core.instrument.MeterRegistry.class)
                    .find("locus.jobs.undeliverable").counter();
            skipped += counter == null ? 0 : counter.count();
        }
        assertThat(skipped).as("junk records skipped, counted").isGreaterThanOrEqualTo(1.0);
    }

    @Test
    @Order(7)
    void theLocalModesOneScrapeEndpointCarriesTheWorkersJobMetrics() {
        String scrape = cluster.http.get().uri("/actuator/prometheus").retrieve().body(String.class);
        assertThat(scrape).contains("locus_jobs_run_seconds_count{").contains("type=\"discovery\"")
                .contains("type=\"edit\"").contains("locus_jobs_queue_wait_seconds");
    }

    @Test
    @Order(8)
    void aJobOfAStoppedWorkerIsFinishedByAnotherExactlyOnce() {
        ConfigurableApplicationContext second = cluster.services.startDirectionWorker();
        awaitAssignment(second, "discovery-jobs");
        String job = cluster.submit("/v1/discoveries", loco("handed-over", eyes, 300));
        JsonNode running = cluster.awaitJob(job, j -> j.get("state").asString().equals("RUNNING"), Duration.ofMinutes(2));
        String firstWorker = cluster.jdbc.queryForObject("select worker from jobs where id = ?", String.class,
                UUID.fromString(job));
        ConfigurableApplicationContext busy = firstWorker.equals(second.getBean(JobRunner.class).instanceId()) ? second
                : cluster.services.workers().stream()
                        .filter(c -> c.containsBean("discoveryListener") && c != second).findFirst().orElseThrow();
        busy.close();

        JsonNode done = cluster.awaitState(job, "SUCCEEDED");
        assertThat(done.get("state").asString()).as(running + " then " + done).isEqualTo("SUCCEEDED");
        Map<String, Object> row = cluster.jdbc.queryForMap("select worker, attempts from jobs where id = ?",
                UUID.fromString(job));
        assertThat(row.get("worker")).isNotEqualTo(firstWorker);
        assertThat((Integer) row.get("attempts")).isGreaterThanOrEqualTo(2);
        assertThat(cluster.jdbc.queryForObject("select count(*) from direction_versions where job_id = ?",
                Integer.class, UUID.fromString(job))).isEqualTo(1);
    }

    @Test
    @Order(8)
    void aJobWhoseWorkerDiedIsRequeuedAndRunsOnAnotherWithinTheSilenceLimit() {
        // a real discovery's request under a new id, claimed by a worker that dies at once: no heartbeat, no record
        String template = cluster.jdbc.queryForObject("select request from jobs where type = 'DISCOVERY' and state ="
                + " 'SUCCEEDED' and request like '%\"eyes-open\"%' limit 1", String.class);
        String oldId = tools.jackson.databind.json.JsonMapper.builder().build().readTree(template).get("jobId")
                .asString();
        UUID id = UUID.randomUUID();
        queuedJobWithRequest(id, JobType.DISCOVERY, template.replace(oldId, id.toString()).replace("eyes-open",
                "eyes-after-a-crash"));
        JobStore store = cluster.services.gateway().getBean(JobStore.class);
        store.claim(id, "worker-that-died");
        long died = System.nanoTime();

        JsonNode requeued = cluster.awaitJob(id.toString(), job -> !job.at("/lastFailure/code").isMissingNode()
                && !job.get("lastFailure").isNull(), Duration.ofSeconds(30));
        double silentSeconds = (System.nanoTime() - died) / 1e9;
        assertThat(requeued.at("/lastFailure/code").asString()).isEqualTo("WORKER_LOST");
        assertThat(requeued.at("/lastFailure/message").asString()).contains("re-queued for attempt 2 of 3");
        assertThat(silentSeconds).isLessThan(LocusCluster.SILENCE.toSeconds() + 10);

        JsonNode done = cluster.awaitState(id.toString(), "SUCCEEDED");
        assertThat(done.get("state").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
        assertThat(done.get("attempts").asInt()).isEqualTo(2);
        assertThat(cluster.jdbc.queryForObject("select count(*) from direction_versions where job_id = ?",
                Integer.class, id)).isEqualTo(1);
    }

    @Test
    @Order(9)
    void twoEditWorkersInOneGroupShareThePartitions() {
        ConfigurableApplicationContext second = cluster.services.startEditWorker();
        ConfigurableApplicationContext first = cluster.services.workers().stream()
                .filter(c -> c.containsBean("editListener") && c != second).findFirst().orElseThrow();
        int partitions = cluster.services.gateway().getBean(LocusKafkaProperties.class).partitions();
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        List<TopicPartition> a = List.of();
        List<TopicPartition> b = List.of();
        while (System.nanoTime() < deadline) {
            a = assigned(first, "edit-jobs");
            b = assigned(second, "edit-jobs");
            if (!a.isEmpty() && !b.isEmpty() && a.size() + b.size() == partitions) {
                break;
            }
            LocusCluster.sleep(200);
        }
        assertThat(a).as("first worker's partitions").isNotEmpty();
        assertThat(b).as("second worker's partitions").isNotEmpty();
        assertThat(a).doesNotContainAnyElementsOf(b);
        assertThat(a.size() + b.size()).isEqualTo(partitions);
    }

    @Test
    @Order(10)
    void progressStreamsAsEventsAndWebhooksArriveSigned() throws Exception {
        List<String> bodies = java.util.Collections.synchronizedList(new ArrayList<>());
        List<String> signatures = java.util.Collections.synchronizedList(new ArrayList<>());
        com.sun.net.httpserver.HttpServer receiver = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            signatures.add(exchange.getRequestHeaders().getFirst("X-Locus-Signature"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
            String edit = cluster.submit("/v1/edits", Map.of("model", LocusCluster.MODEL_ID, "image", image, "steps", 10,
                    "directions", List.of(Map.of("ref", "eyes-open@1", "strength", 3)), "webhookUrl", hook));

            // the event stream ends with the final state
            HttpResponse<java.util.stream.Stream<String>> stream = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + cluster.services.port() + "/v1/jobs/" + edit
                            + "/events")).timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.ofLines());
            List<String> events = stream.body().filter(line -> line.startsWith("data:")).toList();
            assertThat(events).as("SSE data lines").isNotEmpty();
            assertThat(events.get(events.size() - 1)).contains("\"state\":\"SUCCEEDED\"");

            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (bodies.stream().noneMatch(b -> b.contains("\"state\":\"SUCCEEDED\"")) && System.nanoTime() < deadline) {
                LocusCluster.sleep(100);
            }
            assertThat(bodies).as("webhook POSTs").anyMatch(b -> b.contains("\"state\":\"SUCCEEDED\""));
            String succeeded = bodies.stream().filter(b -> b.contains("\"state\":\"SUCCEEDED\"")).findFirst().orElseThrow();
            JsonNode image = cluster.json.readTree(succeeded).at("/result/images/0");
            assertThat(image.get("download").asString()).as("the API's result form, as GET /v1/jobs/{id} gives it")
                    .endsWith("/v1/jobs/" + edit + "/images/0");
            assertThat(image.get("url").asString()).startsWith("http");
            assertThat(image.has("key")).as("no internal storage key").isFalse();
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(LocusCluster.WEBHOOK_SECRET.getBytes(
                    java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
            for (int i = 0; i < bodies.size(); i++) {
                String expected = "sha256=" + java.util.HexFormat.of().formatHex(
                        mac.doFinal(bodies.get(i).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                assertThat(signatures.get(i)).as("signature of delivery " + i).isEqualTo(expected);
            }
        } finally {
            receiver.stop(0);
        }
    }

    private static List<TopicPartition> assigned(ConfigurableApplicationContext worker, String listener) {
        MessageListenerContainer container = worker.getBean(KafkaListenerEndpointRegistry.class).getListenerContainer(listener);
        return container == null || container.getAssignedPartitions() == null ? List.of()
                : new ArrayList<>(container.getAssignedPartitions());
    }

    private static void awaitAssignment(ConfigurableApplicationContext worker, String listener) {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (assigned(worker, listener).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("worker got no partitions of " + listener);
            }
            LocusCluster.sleep(200);
        }
    }

    /** The gateway's producer, to put records on the job topics as the outbox relay would, or as nobody should. */
    @SuppressWarnings("unchecked")
    private KafkaTemplate<String, String> gatewayKafka() {
        return cluster.services.gateway().getBean(KafkaTemplate.class);
    }

    /** Whether a record with {@code key} reaches the dead-letter topic within 30 s. */
    private boolean awaitDeadLetter(String topic, String key) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "dead-letter-check-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(record.key())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static BufferedImage decode(byte[] png) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            assertThat(image).as("a decodable image").isNotNull();
            return image;
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] fetch(String url) {
        try {
            HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).as(url).isEqualTo(200);
            return response.body();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
