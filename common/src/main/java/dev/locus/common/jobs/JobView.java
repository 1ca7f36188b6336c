package dev.locus.common.jobs;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A job as users see it, and the payload of every job event: a full snapshot, so a consumer
 * that missed events still ends with the right state.
 *
 * @param error       why the job failed, once it is FAILED
 * @param attempts    how many times a worker started the job
 * @param lastFailure why an earlier attempt failed when the job was retried after it (the job goes on)
 */
public record JobView(UUID id, JobType type, JobState state, String model, Progress progress, Error error,
                      JsonNode result, int attempts, Error lastFailure, Instant createdAt, Instant startedAt,
                      Instant finishedAt, Instant updatedAt) {

    /** Where a running job is: phase such as inverting, power-iteration or sampling; step of total. */
    public record Progress(String phase, Integer step, Integer total) {}

    /** Why a job failed: a stable code for programs and a message for people. */
    public record Error(String code, String message) {}
}
