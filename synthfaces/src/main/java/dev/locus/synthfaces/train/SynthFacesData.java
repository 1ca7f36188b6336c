package dev.locus.synthfaces.train;

import dev.locus.engine.training.TrainingData;
import dev.locus.synthfaces.FaceGenerator;
import dev.locus.synthfaces.FaceRenderer;
import dev.locus.synthfaces.FaceSample;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bytedeco.pytorch.Tensor;

/**
 * Fresh synthetic faces for every training step: face {@code i} of step {@code s} is
 * {@link FaceGenerator#sample} of a seed drawn from (run seed, s, i), so the data never repeats,
 * needs no storage, and a resumed run sees exactly the faces it would have seen.
 *
 * <p>Rendering costs about 3 ms a face at 32x32, a tenth to a fifth of a training step's time, so a
 * prefetching instance renders the next step's faces on a background thread while the current
 * step trains. Only Java arrays cross threads; the tensor is made on the caller's thread, in its
 * native-memory scope.
 */
public final class SynthFacesData implements TrainingData, AutoCloseable {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private final long runSeed;
    private final int size;
    private final ExecutorService renderer;
    private Pending pending;

    private record Pending(long step, int batchSize, Future<float[]> pixels) {}

    private SynthFacesData(long runSeed, int size, boolean prefetch) {
        this.runSeed = runSeed;
        this.size = size;
        this.renderer = prefetch ? Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "synthfaces-prefetch");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    /** Renders each batch when asked. */
    public static SynthFacesData of(long runSeed, int size) {
        return new SynthFacesData(runSeed, size, false);
    }

    /** Renders step s + 1's batch while step s trains; close it when done. */
    public static SynthFacesData prefetching(long runSeed, int size) {
        return new SynthFacesData(runSeed, size, true);
    }

    /** The generator seeds of step {@code step}'s faces, in batch order. */
    public static long[] faceSeeds(long runSeed, long step, int batchSize) {
        // One well-mixed stream per (run, step): neighbouring steps share no faces, and a
        // larger batch only appends faces.
        SplittableRandom stream = new SplittableRandom(new SplittableRandom(runSeed * GOLDEN_GAMMA + step).nextLong());
        long[] seeds = new long[batchSize];
        for (int i = 0; i < batchSize; i++) {
            seeds[i] = stream.nextLong();
        }
        return seeds;
    }

    @Override
    public synchronized Tensor batch(long step, int batchSize) {
        float[] pixels;
        if (pending != null && pending.step == step && pending.batchSize == batchSize) {
            pixels = await(pending.pixels);
        } else {
            pixels = pixels(step, batchSize);
        }
        pending = renderer == null ? null
                : new Pending(step + 1, batchSize, renderer.submit(() -> pixels(step + 1, batchSize)));
        return Tensor.create(pixels, batchSize, 3, size, size);
    }

    /** Step {@code step}'s faces as float32 [B, 3, H, W] in C order, scaled to [-1, 1]. */
    public float[] pixels(long step, int batchSize) {
        int plane = size * size;
        float[] out = new float[batchSize * 3 * plane];
        long[] seeds = faceSeeds(runSeed, step, batchSize);
        int[] rgb = new int[plane];
        for (int i = 0; i < batchSize; i++) {
            FaceSample face = FaceGenerator.sample(seeds[i]);
            BufferedImage image = FaceRenderer.renderImage(face.factors(), face.pose(), size);
            image.getRGB(0, 0, size, size, rgb, 0, size);
            int base = i * 3 * plane;
            for (int p = 0; p < plane; p++) {
                int c = rgb[p];
                out[base + p] = ((c >> 16) & 0xFF) / 127.5f - 1f;
                out[base + plane + p] = ((c >> 8) & 0xFF) / 127.5f - 1f;
                out[base + 2 * plane + p] = (c & 0xFF) / 127.5f - 1f;
            }
        }
        return out;
    }

    public int size() {
        return size;
    }

    @Override
    public void close() {
        if (renderer != null) {
            renderer.shutdownNow();
        }
    }

    private static float[] await(Future<float[]> pixels) {
        try {
            return pixels.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while rendering faces", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("rendering faces failed: " + e.getCause(), e.getCause());
        }
    }
}
