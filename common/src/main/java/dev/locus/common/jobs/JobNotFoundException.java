package dev.locus.common.jobs;

import java.util.UUID;

public class JobNotFoundException extends RuntimeException {
    public JobNotFoundException(UUID id) {
        super("no job " + id);
    }
}
