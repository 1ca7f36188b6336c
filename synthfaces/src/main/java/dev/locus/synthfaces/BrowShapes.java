package dev.locus.synthfaces;

import java.awt.Shape;
import java.awt.geom.Path2D;

import static dev.locus.synthfaces.Layout.BROW_DX;
import static dev.locus.synthfaces.Layout.BROW_Y;
import static dev.locus.synthfaces.Layout.CX;

/**
 * Both eyebrows: gently arched strokes, thicker at the inner end, tilted about their centres. A positive
 * angle lifts the inner ends (surprise, worry), a negative one lowers them (anger).
 *
 * <p>The two brows, and the two zones, never touch, so appending their outlines is a union.
 *
 * @param zone the eyebrows mask: the box any angle and thickness can reach, plus a margin
 */
record BrowShapes(Shape brows, Shape zone) {

    static final double HALF_LENGTH = 4.4;
    static final double MAX_TILT_DEGREES = 16;
    private static final double ARCH = 0.9;
    private static final int STEPS = 16;
    /**
     * The zone as (outward, down) offsets from the brow centre: what the brow can reach at any tilt and
     * thickness plus 0.7 units, tapered at the outer end like the brow itself, where the temple hair is close.
     */
    private static final double[][] ZONE = {
            {-5.2, -3.4}, {0, -3.2}, {5.2, -2.2}, {5.2, 2.2}, {0, 2.6}, {-5.2, 3.3}};
    /** How far hair keeps from the zone: over a pixel's diagonal at 32x32, so no pixel is shared. */
    static final double HAIR_CLEARANCE = 3.0;

    static BrowShapes of(FaceFactors f) {
        double thickness = Layout.lerp(1.4, 3.0, f.browThickness());
        double tilt = Math.toRadians(f.browAngle() * MAX_TILT_DEGREES);
        Path2D brows = new Path2D.Double();
        Path2D zone = new Path2D.Double();
        for (int side = -1; side <= 1; side += 2) {
            double cx = CX + side * BROW_DX;
            brows.append(brow(cx, side, tilt, thickness), false);
            zone.append(zone(cx, side, 0), false);
        }
        return new BrowShapes(brows, zone);
    }

    /** Both zones grown by {@link #HAIR_CLEARANCE}: hair is cut away from this. */
    static Shape hairClearance() {
        Path2D p = new Path2D.Double();
        for (int side = -1; side <= 1; side += 2) {
            p.append(zone(CX + side * BROW_DX, side, HAIR_CLEARANCE), false);
        }
        return p;
    }

    /** One zone, each corner pushed {@code grow} further out along both axes. */
    private static Shape zone(double cx, int side, double grow) {
        Path2D p = new Path2D.Double();
        for (int i = 0; i < ZONE.length; i++) {
            double x = cx + side * (ZONE[i][0] + Math.signum(ZONE[i][0]) * grow);
            double y = BROW_Y + ZONE[i][1] + Math.signum(ZONE[i][1]) * grow;
            if (i == 0) {
                p.moveTo(x, y);
            } else {
                p.lineTo(x, y);
            }
        }
        p.closePath();
        return p;
    }

    /** {@code side} is -1 for the brow on the image's left; its inner end points to +x. */
    private static Shape brow(double cx, int side, double tilt, double thickness) {
        double cos = Math.cos(tilt);
        double sin = Math.sin(tilt);
        // u runs from the outer end (0) to the inner end (1).
        double outerX = cx + side * HALF_LENGTH * cos;
        double outerY = BROW_Y + HALF_LENGTH * sin;
        double innerX = cx - side * HALF_LENGTH * cos;
        double innerY = BROW_Y - HALF_LENGTH * sin;
        double ctrlX = cx;
        double ctrlY = BROW_Y - 2 * ARCH;

        double[] topX = new double[STEPS + 1];
        double[] topY = new double[STEPS + 1];
        double[] botX = new double[STEPS + 1];
        double[] botY = new double[STEPS + 1];
        for (int i = 0; i <= STEPS; i++) {
            double u = i / (double) STEPS;
            double a = (1 - u) * (1 - u);
            double b = 2 * u * (1 - u);
            double c = u * u;
            double x = a * outerX + b * ctrlX + c * innerX;
            double y = a * outerY + b * ctrlY + c * innerY;
            double tx = 2 * (1 - u) * (ctrlX - outerX) + 2 * u * (innerX - ctrlX);
            double ty = 2 * (1 - u) * (ctrlY - outerY) + 2 * u * (innerY - ctrlY);
            double len = Math.hypot(tx, ty);
            double nx = -ty / len;
            double ny = tx / len;
            // Taper: the outer tip is a third of the full thickness; the inner end has a blunt full width.
            double half = thickness / 2 * (0.35 + 0.65 * Math.sqrt(u));
            topX[i] = x + nx * half;
            topY[i] = y + ny * half;
            botX[i] = x - nx * half;
            botY[i] = y - ny * half;
        }
        Path2D p = new Path2D.Double();
        p.moveTo(topX[0], topY[0]);
        for (int i = 1; i <= STEPS; i++) {
            p.lineTo(topX[i], topY[i]);
        }
        for (int i = STEPS; i >= 0; i--) {
            p.lineTo(botX[i], botY[i]);
        }
        p.closePath();
        return p;
    }
}
