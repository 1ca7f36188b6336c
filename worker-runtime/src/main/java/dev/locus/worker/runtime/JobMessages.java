package dev.locus.worker.runtime;

import java.util.function.Predicate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Reads a job message off Kafka; anything that is not a complete job of the expected type is a bad job. */
public final class JobMessages {

    private JobMessages() {}

    /**
     * @param complete whether the parsed job has every field a worker needs
     * @throws BadJobException INVALID_MESSAGE, naming what is wrong
     */
    public static <T> T parse(JsonMapper json, String message, Class<T> type, String what, Predicate<T> complete) {
        T job;
        try {
            job = json.readValue(message, type);
        } catch (JacksonException e) {
            throw new BadJobException("INVALID_MESSAGE", "not " + what + ": " + e.getOriginalMessage(), e);
        }
        if (job == null || !complete.test(job)) {
            throw new BadJobException("INVALID_MESSAGE", what + " message is incomplete: " + message);
        }
        return job;
    }
}
