package dev.locus.worker.runtime;

import dev.locus.common.jobs.JobType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * What operators watch to size the worker fleet: how long jobs wait in the queue, how long they
 * run and in which phase the time goes (histograms, by job type), and why they fail.
 */
@Component
public class WorkerMetrics {

    private final MeterRegistry registry;

    public WorkerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void queueWait(JobType type, Duration wait) {
        timer("locus.jobs.queue.wait", "time from acceptance to a worker starting the job", type)
                .record(wait.isNegative() ? Duration.ZERO : wait);
    }

    public void run(JobType type, String outcome, Duration took) {
        Timer.builder("locus.jobs.run").description("time a worker spent on a job").tag("type", tag(type))
                .tag("outcome", outcome).publishPercentileHistogram().register(registry).record(took);
    }

    public void failure(JobType type, String reason) {
        Counter.builder("locus.jobs.failures").description("jobs that failed, by reason").tag("type", tag(type))
                .tag("reason", reason).register(registry).increment();
    }

    /** A job message that could be neither run nor dead-lettered, and was skipped so that its partition moves on. */
    public void undeliverable(JobType type) {
        Counter.builder("locus.jobs.undeliverable")
                .description("job messages skipped because the dead-letter topic refused them (too large, broker down)")
                .tag("type", tag(type)).register(registry).increment();
    }

    Phases phases(JobType type) {
        return new Phases(type);
    }

    private Timer timer(String name, String description, JobType type) {
        return Timer.builder(name).description(description).tag("type", tag(type)).publishPercentileHistogram()
                .register(registry);
    }

    private static String tag(JobType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }

    /** Times the phases of one job (inverting, power-iteration, sampling, storing, ...). */
    final class Phases {
        private final JobType type;
        private String current;
        private long startedNanos;

        private Phases(JobType type) {
            this.type = type;
        }

        void enter(String phase) {
            if (phase.equals(current)) {
                return;
            }
            close();
            current = phase;
            startedNanos = System.nanoTime();
        }

        void close() {
            if (current != null) {
                Timer.builder("locus.jobs.phase").description("time spent in each phase of a job")
                        .tag("type", tag(type)).tag("phase", current).publishPercentileHistogram()
                        .register(registry).record(Duration.ofNanos(System.nanoTime() - startedNanos));
                current = null;
            }
        }
    }
}
