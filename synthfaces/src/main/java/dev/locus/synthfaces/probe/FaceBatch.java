package dev.locus.synthfaces.probe;

import dev.locus.synthfaces.Face;
import dev.locus.synthfaces.FaceFactors;
import dev.locus.synthfaces.FaceGenerator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.pytorch.Tensor;

/**
 * Generated faces with the factors that made them, held as Java arrays: rendering runs on a worker
 * thread, and a tensor is made only where the training step's memory scope will free it.
 *
 * @param pixels planar [B, 3, 32, 32] floats in [-1, 1]
 */
public record FaceBatch(float[] pixels, List<FaceFactors> factors) {

    private static final int PER_IMAGE = 3 * FactorProbe.INPUT_SIZE * FactorProbe.INPUT_SIZE;

    public FaceBatch {
        factors = List.copyOf(factors);
        if (pixels.length != factors.size() * PER_IMAGE) {
            throw new IllegalArgumentException(pixels.length + " pixel values for " + factors.size() + " faces");
        }
    }

    /** Faces number {@code firstSeed} to {@code firstSeed + count - 1}, at the probe's input size. */
    public static FaceBatch render(long firstSeed, int count) {
        float[] pixels = new float[count * PER_IMAGE];
        List<FaceFactors> factors = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Face face = FaceGenerator.generate(firstSeed + i, FactorProbe.INPUT_SIZE);
            FaceImages.toSigned(face.image(), pixels, i * PER_IMAGE);
            factors.add(face.factors());
        }
        return new FaceBatch(pixels, factors);
    }

    public int size() {
        return factors.size();
    }

    /** Faces {@code from} (inclusive) to {@code to} (exclusive) as a batch of their own. */
    public FaceBatch slice(int from, int to) {
        float[] part = Arrays.copyOfRange(pixels, from * PER_IMAGE, to * PER_IMAGE);
        return new FaceBatch(part, factors.subList(from, to));
    }

    /** A new float32 tensor [B, 3, 32, 32]; the caller's scope owns it. */
    public Tensor images() {
        return Tensor.create(pixels, size(), 3, FactorProbe.INPUT_SIZE, FactorProbe.INPUT_SIZE);
    }
}
