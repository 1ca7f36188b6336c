package dev.locus.synthfaces;

import java.awt.BasicStroke;
import java.awt.Shape;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;

import static dev.locus.synthfaces.Layout.CX;
import static dev.locus.synthfaces.Layout.MOUTH_Y;

/**
 * The mouth: lips between two corners that rise for a smile and drop for a frown, parting in the middle as the
 * mouth opens to show a dark inside with a row of upper teeth. Each curve is a quadratic through the two
 * corners and an apex on the centre line.
 *
 * @param lips the lips, including the opening (the inside is painted over them)
 * @param inside the dark opening; empty when closed
 * @param teeth the upper teeth: a band to be painted clipped to {@code inside}
 * @param seam the line between closed lips, already stroked; empty when open
 * @param zone the mouth mask: where any curve and opening can reach, plus a margin
 */
record MouthShapes(Shape lips, Shape inside, Shape teeth, Shape seam, Shape zone) {

    static final double HALF_WIDTH = 6.4;
    private static final double CORNER_LIFT = 2.8;
    private static final double CENTRE_DROP = 0.8;
    private static final double UPPER_OPEN = 1.0;
    private static final double LOWER_OPEN = 3.5;
    private static final double UPPER_LIP = 1.8;
    private static final double LOWER_LIP = 2.2;
    private static final double ZONE_MARGIN = 1.2;
    private static final BasicStroke SEAM_STROKE =
            new BasicStroke(0.7f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);

    static MouthShapes of(FaceFactors f) {
        double c = f.mouthCurve();
        double o = f.mouthOpen();
        double cornerY = MOUTH_Y - CORNER_LIFT * c;
        double centreY = MOUTH_Y + CENTRE_DROP * c;
        double upperInner = centreY - UPPER_OPEN * o;
        double lowerInner = centreY + LOWER_OPEN * o;
        double upperOuter = upperInner - UPPER_LIP;
        double lowerOuter = lowerInner + LOWER_LIP;

        Path2D lips = new Path2D.Double();
        lips.moveTo(CX - HALF_WIDTH, cornerY);
        lips.quadTo(CX, ctrl(upperOuter, cornerY), CX + HALF_WIDTH, cornerY);
        lips.quadTo(CX, ctrl(lowerOuter, cornerY), CX - HALF_WIDTH, cornerY);
        lips.closePath();

        Shape inside = new Path2D.Double();
        Shape teeth = new Path2D.Double();
        Shape seam = new Path2D.Double();
        // Below this the parting is thinner than a hairline at 64x64 and reads as a closed mouth.
        if (o > 0.06) {
            Path2D gap = new Path2D.Double();
            gap.moveTo(CX - HALF_WIDTH, cornerY);
            gap.quadTo(CX, ctrl(upperInner, cornerY), CX + HALF_WIDTH, cornerY);
            gap.quadTo(CX, ctrl(lowerInner, cornerY), CX - HALF_WIDTH, cornerY);
            gap.closePath();
            inside = gap;
            teeth = new Rectangle2D.Double(CX - HALF_WIDTH, upperInner - 4, 2 * HALF_WIDTH, 4 + 1.4 * o);
        } else {
            Path2D line = new Path2D.Double();
            line.moveTo(CX - HALF_WIDTH, cornerY);
            line.quadTo(CX, ctrl(centreY, cornerY), CX + HALF_WIDTH, cornerY);
            seam = SEAM_STROKE.createStrokedShape(line);
        }

        return new MouthShapes(lips, inside, teeth, seam, zoneShape());
    }

    /**
     * An octagon around every mouth any curve and opening can make, plus the margin. Only the middle drops as
     * far as a wide-open smile's lower lip; the sides stay high, clear of the jaw where long hair shows.
     */
    private static Shape zoneShape() {
        double top = MOUTH_Y - (CENTRE_DROP + UPPER_OPEN + UPPER_LIP) - ZONE_MARGIN;
        double cornerTop = MOUTH_Y - CORNER_LIFT - ZONE_MARGIN;
        double cornerBottom = MOUTH_Y + CORNER_LIFT + ZONE_MARGIN;
        double bottom = MOUTH_Y + CENTRE_DROP + LOWER_OPEN + LOWER_LIP + ZONE_MARGIN;
        double half = HALF_WIDTH + ZONE_MARGIN;
        double mid = HALF_WIDTH * 0.6;
        Path2D p = new Path2D.Double();
        p.moveTo(CX - half, cornerTop);
        p.lineTo(CX - mid, top);
        p.lineTo(CX + mid, top);
        p.lineTo(CX + half, cornerTop);
        p.lineTo(CX + half, cornerBottom);
        p.lineTo(CX + mid, bottom);
        p.lineTo(CX - mid, bottom);
        p.lineTo(CX - half, cornerBottom);
        p.closePath();
        return p;
    }

    /** Control point y of a quadratic from corner to corner whose apex is at {@code apexY}. */
    private static double ctrl(double apexY, double cornerY) {
        return 2 * apexY - cornerY;
    }
}
