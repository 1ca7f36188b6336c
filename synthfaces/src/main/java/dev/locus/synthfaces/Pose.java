package dev.locus.synthfaces;

/**
 * Small placement jitter of the whole face, in canvas units (the canvas is 64 units wide whatever the output
 * size, so one unit is half a pixel at 32x32). Pose is not a factor: it is nuisance variation that keeps a
 * model from memorising pixel positions.
 *
 * @param dx shift right, canvas units
 * @param dy shift down, canvas units
 * @param scale size about the canvas centre, 1 = nominal
 */
public record Pose(double dx, double dy, double scale) {
    /** Centred at nominal size. */
    public static final Pose IDENTITY = new Pose(0, 0, 1);

    /** Largest |dx| and |dy| that {@link FaceGenerator} samples: 2 px at 32x32. */
    public static final double MAX_SHIFT = 4;
    /** Largest relative change of scale that {@link FaceGenerator} samples. */
    public static final double MAX_SCALE_CHANGE = 0.05;

    public Pose {
        if (!(Math.abs(dx) <= 16 && Math.abs(dy) <= 16)) {
            throw new IllegalArgumentException("pose shift (" + dx + ", " + dy + ") is off the canvas");
        }
        if (!(scale >= 0.5 && scale <= 1.5)) {
            throw new IllegalArgumentException("pose scale " + scale + " is outside [0.5, 1.5]");
        }
    }
}
