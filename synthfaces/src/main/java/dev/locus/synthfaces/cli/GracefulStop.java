package dev.locus.synthfaces.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns SIGTERM / Ctrl-C into "finish this step, save, exit". Without it the JVM exits under a running libtorch
 * step (seen: a SIGSEGV in oneDNN) and the steps since the last checkpoint are lost.
 */
final class GracefulStop {

    /** How long the shutdown waits for the step in flight and the final save. */
    private static final long WAIT_SECONDS = 120;

    private final AtomicBoolean requested = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);

    private GracefulStop() {
    }

    static GracefulStop onSignal() {
        GracefulStop stop = new GracefulStop();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.requested.set(true);
            try {
                stop.finished.await(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "training-stop"));
        return stop;
    }

    boolean requested() {
        return requested.get();
    }

    /** The training loop has returned (and saved): the JVM may go. */
    void finished() {
        finished.countDown();
    }
}
