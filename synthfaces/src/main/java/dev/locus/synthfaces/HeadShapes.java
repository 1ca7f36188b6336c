package dev.locus.synthfaces;

import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.List;

import static dev.locus.synthfaces.Layout.CANVAS;
import static dev.locus.synthfaces.Layout.CHIN;
import static dev.locus.synthfaces.Layout.CX;
import static dev.locus.synthfaces.Layout.EYE_Y;
import static dev.locus.synthfaces.Layout.HEAD_CY;
import static dev.locus.synthfaces.Layout.HEAD_TOP;
import static dev.locus.synthfaces.Layout.NOSE_Y;

/**
 * The skin: an egg-shaped head, ears, neck, and the nose line drawn on it. The parts overlap and are painted
 * one over another rather than merged, which is much cheaper than area arithmetic.
 */
record HeadShapes(double rx, Shape head, List<Shape> ears, Shape neck, Shape nose) {

    /** Bezier handle length for a quarter ellipse. */
    private static final double K = 0.5523;

    static HeadShapes of(FaceFactors f) {
        double rx = Layout.headRx(f.faceWidth());
        double earRx = 2.4;
        double earRy = 3.8;
        double earY = EYE_Y + 2.5;
        List<Shape> ears = List.of(
                new Ellipse2D.Double(CX - rx + 0.6 - 2 * earRx, earY - earRy, 2 * earRx, 2 * earRy),
                new Ellipse2D.Double(CX + rx - 0.6, earY - earRy, 2 * earRx, 2 * earRy));
        double neckHalf = rx * 0.45;
        // The neck runs past the canvas bottom so that pose jitter never lifts it off the edge.
        Shape neck = new Rectangle2D.Double(CX - neckHalf, HEAD_CY + 8, 2 * neckHalf, CANVAS - HEAD_CY + 8);

        Path2D nose = new Path2D.Double();
        nose.moveTo(CX - 1.5, NOSE_Y);
        nose.quadTo(CX, NOSE_Y + 1.4, CX + 1.5, NOSE_Y);
        return new HeadShapes(rx, egg(rx), ears, neck, nose);
    }

    /** Everything painted in skin colour, back to front. */
    List<Shape> skin() {
        return List.of(neck, ears.get(0), ears.get(1), head);
    }

    /** Widest at cheekbone height, narrowing to a softer chin than an ellipse would give. */
    private static Shape egg(double rx) {
        double sideY = HEAD_CY - 1;
        double upper = sideY - HEAD_TOP;
        double lower = CHIN - sideY;
        Path2D p = new Path2D.Double();
        p.moveTo(CX, HEAD_TOP);
        p.curveTo(CX + rx * K, HEAD_TOP, CX + rx, sideY - upper * K, CX + rx, sideY);
        p.curveTo(CX + rx, sideY + lower * 0.6, CX + rx * 0.55, CHIN, CX, CHIN);
        p.curveTo(CX - rx * 0.55, CHIN, CX - rx, sideY + lower * 0.6, CX - rx, sideY);
        p.curveTo(CX - rx, sideY - upper * K, CX - rx * K, HEAD_TOP, CX, HEAD_TOP);
        p.closePath();
        return p;
    }
}
