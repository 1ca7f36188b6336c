package dev.locus.synthfaces;

/** What one seed draws: the factors and the pose. Render it with {@link FaceRenderer#render}. */
public record FaceSample(long seed, FaceFactors factors, Pose pose) {
}
