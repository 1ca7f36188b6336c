package dev.locus.gateway.results;

import dev.locus.common.jobs.JobState;
import dev.locus.common.jobs.JobType;
import dev.locus.common.jobs.JobView;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A job's stored result (what the worker wrote: {@code DiscoveryResult} or {@code EditResult}) in
 * the form clients use: links instead of storage keys.
 * <ul>
 *   <li>discovery: {@code {directions: [{ref, id, url, singularValues, labels}]}}</li>
 *   <li>edit: {@code {images: [{strength, url (presigned), download}], timings}}</li>
 * </ul>
 */
public class ResultMapper {

    private final Links links;
    private final Function<String, String> presign;

    /** @param presign storage key to a URL that works without credentials */
    public ResultMapper(Links links, Function<String, String> presign) {
        this.links = links;
        this.presign = presign;
    }

    public JobView toClient(JobView job) {
        if (job.result() == null || job.result().isNull()) {
            return job;
        }
        JsonNode result = job.type() == JobType.DISCOVERY ? discovery(job.result()) : edit(job, job.result());
        return new JobView(job.id(), job.type(), job.state(), job.model(), job.progress(), job.error(), result,
                job.attempts(), job.lastFailure(), job.createdAt(), job.startedAt(), job.finishedAt(), job.updatedAt());
    }

    JsonNode discovery(JsonNode stored) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ArrayNode directions = out.putArray("directions");
        String ref = stored.path("ref").asString(null);
        if (ref != null) {
            ObjectNode direction = directions.addObject();
            direction.put("ref", ref);
            direction.put("id", stored.path("versionId").asString(null));
            direction.put("url", links.direction(ref));
            copy(stored, direction, "singularValues");
            copy(stored, direction, "labels");
        }
        return out;
    }

    JsonNode edit(JobView job, JsonNode stored) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ArrayNode images = out.putArray("images");
        JsonNode stored_images = stored.path("images");
        for (int i = 0; i < stored_images.size(); i++) {
            JsonNode image = stored_images.get(i);
            ObjectNode client = images.addObject();
            JsonNode strength = image.path("strength");
            if (strength.isNumber()) {
                client.put("strength", strength.asDouble());
            } else {
                client.putNull("strength");
            }
            String key = image.path("key").asString(null);
            client.put("url", key == null ? null : presign.apply(key));
            client.put("download", links.jobImage(job.id(), i));
            if (image.hasNonNull("sha256")) {
                client.put("sha256", image.get("sha256").asString());
            }
        }
        copy(stored, out, "timings");
        return out;
    }

    /** The storage key of image {@code index} of a succeeded edit, or null when there is none. */
    public static String editImageKey(JobView job, int index) {
        if (job.type() != JobType.EDIT || job.state() != JobState.SUCCEEDED || job.result() == null) {
            return null;
        }
        JsonNode images = job.result().path("images");
        if (index < 0 || index >= images.size()) {
            return null;
        }
        return images.get(index).path("key").asString(null);
    }

    private static void copy(JsonNode from, ObjectNode to, String field) {
        if (from.has(field)) {
            to.set(field, from.get(field));
        }
    }
}
