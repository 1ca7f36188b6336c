package dev.locus.synthfaces;

import java.awt.BasicStroke;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;

import static dev.locus.synthfaces.Layout.CX;
import static dev.locus.synthfaces.Layout.EYE_DX;
import static dev.locus.synthfaces.Layout.EYE_Y;

/**
 * Both eyes. Each is an almond between an upper lid that drops as the eye closes and a lower lid that rises;
 * once they meet only the lid line is left, sagging into the arc of a closed eye. Iris, pupil and highlight
 * are painted clipped to the almond, so a half-closed eye shows part of the iris.
 *
 * <p>Each shape holds both eyes; the two never touch, so appending their outlines is a union.
 *
 * @param whites the visible sclera (empty when closed)
 * @param lids the upper lid lines, already stroked
 * @param zone the eyes' share of the eyes mask: each eye fully open plus a margin, whatever the openness
 */
record EyeShapes(double halfWidth, double openHalfHeight, Shape whites, Shape irises, Shape pupils,
                 Shape highlights, Shape lids, Shape zone) {

    static final BasicStroke LID_STROKE = new BasicStroke(1.1f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);

    static EyeShapes of(FaceFactors f) {
        double ew = Layout.lerp(3.6, 5.0, f.eyeSize());
        double eh = 0.75 * ew;
        double o = f.eyeOpenness();
        // Control points of the two lid curves; a quadratic's apex lies halfway to its control point.
        double upperCtrl = EYE_Y + eh * (0.5 * (1 - o) - 2.0 * o);
        double lowerCtrl = EYE_Y + eh * (0.3 + 1.2 * o);
        double ir = 0.8 * eh;
        double irisY = centreY(eh);
        double irisShift = f.gaze() * (ew - ir) * 0.85;

        Path2D whites = new Path2D.Double();
        Path2D irises = new Path2D.Double();
        Path2D pupils = new Path2D.Double();
        Path2D highlights = new Path2D.Double();
        Path2D lids = new Path2D.Double();
        Path2D zone = new Path2D.Double();
        for (int side = -1; side <= 1; side += 2) {
            double cx = CX + side * EYE_DX;
            Path2D upper = new Path2D.Double();
            upper.moveTo(cx - ew, EYE_Y);
            upper.quadTo(cx, upperCtrl, cx + ew, EYE_Y);
            lids.append(LID_STROKE.createStrokedShape(upper), false);

            if (lowerCtrl > upperCtrl) {
                Path2D almond = new Path2D.Double(upper);
                almond.quadTo(cx, lowerCtrl, cx - ew, EYE_Y);
                almond.closePath();
                whites.append(almond, false);
                double ix = cx + irisShift;
                irises.append(circle(ix, irisY, ir), false);
                pupils.append(circle(ix, irisY, ir * 0.5), false);
                highlights.append(circle(ix - ir * 0.35, irisY - ir * 0.4, Math.max(0.45, ir * 0.22)), false);
            }
            zone.append(new Ellipse2D.Double(cx - ew - 1.4, irisY - eh - 1.3, 2 * (ew + 1.4), 2 * (eh + 1.3)), false);
        }
        return new EyeShapes(ew, eh, whites, irises, pupils, highlights, lids, zone);
    }

    /** Vertical centre of an open eye, which sits a little above the corners' line. */
    static double centreY(double openHalfHeight) {
        return EYE_Y - 0.1 * openHalfHeight;
    }

    private static Shape circle(double x, double y, double r) {
        return new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r);
    }
}
