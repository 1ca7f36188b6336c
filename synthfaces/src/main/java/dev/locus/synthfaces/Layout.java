package dev.locus.synthfaces;

/**
 * Where features sit on the 64-unit canvas, before pose. Features that factors move (eyes, brows, mouth) stay
 * at fixed places whatever the face width, so changing one factor never shifts another region. The vertical
 * order leaves room between regions: hairline above the brow zone, brow zone above the eye zone.
 */
final class Layout {
    static final double CANVAS = 64;
    static final double CX = 32;

    static final double HEAD_CY = 33.5;
    static final double HEAD_RY = 22;
    static final double HEAD_TOP = HEAD_CY - HEAD_RY;
    static final double CHIN = HEAD_CY + HEAD_RY;

    static final double EYE_Y = 33.7;
    static final double EYE_DX = 7.4;

    static final double BROW_Y = 23;
    static final double BROW_DX = 7.3;

    static final double NOSE_Y = 40.5;

    static final double MOUTH_Y = 46;

    private Layout() {
    }

    /** Half width of the head for a face width factor in [0, 1]. */
    static double headRx(double faceWidth) {
        return lerp(16.5, 19.5, faceWidth);
    }

    static double lerp(double a, double b, double t) {
        return a + (b - a) * t;
    }
}
