package dev.locus.common.jobs;

public class JobAlreadyFinishedException extends RuntimeException {
    public JobAlreadyFinishedException(JobView job) {
        super("job " + job.id() + " is already " + job.state());
    }
}
