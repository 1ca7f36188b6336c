package dev.locus.synthfaces.probe;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Renders (and adds outliers to) the training batches of steps {@code from .. to-1} on a worker thread, a few ahead of the
 * training loop: rendering a batch costs about as much CPU as a training step on it, so the two overlap.
 * Holds only Java arrays; tensors are made by the consumer inside its step's memory scope.
 */
final class BatchPrefetcher implements AutoCloseable {

    private static final int AHEAD = 3;

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(AHEAD);
    private final Thread worker;

    BatchPrefetcher(long from, long to, TrainSettings settings) {
        this.worker = new Thread(() -> {
            try {
                for (long step = from; step < to; step++) {
                    queue.put(TrainingBatch.forStep(step, settings.batchSize(), settings.outliers(),
                            settings.softFraction()));
                }
            } catch (InterruptedException e) {
                // close() asked us to stop
            } catch (RuntimeException e) {
                queue.offer(e); // hand the failure to the consumer rather than let it wait forever
            }
        }, "probe-batch-renderer");
        worker.setDaemon(true);
        worker.start();
    }

    /** The next step's batch, waiting for it if rendering is behind. */
    TrainingBatch next() throws InterruptedException {
        Object item = queue.take();
        if (item instanceof RuntimeException e) {
            throw new IllegalStateException("rendering a training batch failed: " + e.getMessage(), e);
        }
        return (TrainingBatch) item;
    }

    @Override
    public void close() {
        worker.interrupt();
    }
}
