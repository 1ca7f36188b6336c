package dev.locus.synthfaces.probe;

import org.bytedeco.pytorch.Tensor;

/**
 * One training step's images, as Java arrays: generated faces (some softened, see {@link SoftFaces}), then
 * outliers (see {@link OutlierImages}).
 */
record TrainingBatch(FaceBatch faces, float[] outliers) {

    private static final int PER_IMAGE = 3 * FactorProbe.INPUT_SIZE * FactorProbe.INPUT_SIZE;

    /** Renders step {@code step}'s faces and makes its outliers; everything follows from the step alone. */
    static TrainingBatch forStep(long step, int batchSize, int outlierCount, double softFraction) {
        FaceBatch faces = FaceBatch.render(Seeds.trainingBatch(step, batchSize), batchSize);
        // Seeds of their own for the two, so changing one recipe does not change the other's draws.
        FaceBatch softened = SoftFaces.soften(faces, softFraction, ~step);
        return new TrainingBatch(softened, OutlierImages.make(faces, outlierCount, step));
    }

    /** Faces then outliers as one float32 tensor [B + K, 3, 32, 32]; the caller's scope owns it. */
    Tensor images() {
        float[] all = new float[faces.pixels().length + outliers.length];
        System.arraycopy(faces.pixels(), 0, all, 0, faces.pixels().length);
        System.arraycopy(outliers, 0, all, faces.pixels().length, outliers.length);
        int size = FactorProbe.INPUT_SIZE;
        return Tensor.create(all, all.length / PER_IMAGE, 3, size, size);
    }
}
