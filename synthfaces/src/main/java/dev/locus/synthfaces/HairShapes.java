package dev.locus.synthfaces;

import java.awt.Shape;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;

import static dev.locus.synthfaces.Layout.CX;
import static dev.locus.synthfaces.Layout.HEAD_CY;
import static dev.locus.synthfaces.Layout.HEAD_RY;

/**
 * Hair in two layers: {@code back} is painted behind the head (long hair falling past the chin), {@code front}
 * over it (the cap, sideburns and fringe). The front is a cap slightly larger than the head with the forehead
 * cut out; every cut-out reaches down no further than the top of the eyebrow zone, so hair never covers a brow
 * and the hair and eye masks stay apart.
 */
record HairShapes(Area back, Area front) {

    /** Short hair ends at the temples; longer sideburns read as headphones at 32x32. */
    private static final double TEMPLE_BOTTOM = 23;
    /** Long hair's front strands end here, above the eye zone. */
    private static final double STRANDS_BOTTOM = 26.5;
    private static final double SHORT_HAIRLINE = 15.2;
    private static final double FRINGE_EDGE = 18.3;
    private static final double LONG_BOTTOM = 58;

    static HairShapes of(FaceFactors f, HeadShapes head) {
        double headRx = head.rx();
        Area cap = new Area(new Ellipse2D.Double(CX - headRx - 2.3, HEAD_CY - 1.5 - HEAD_RY - 5,
                2 * (headRx + 2.3), 2 * (HEAD_RY + 5)));
        double bottom = f.hairStyle() == HairStyle.LONG ? STRANDS_BOTTOM : TEMPLE_BOTTOM;
        cap.intersect(new Area(new Rectangle2D.Double(0, 0, Layout.CANVAS, bottom)));
        double cutRx = headRx - 1.5;
        Area front = new Area(cap);
        Area forehead = new Area(f.hairStyle() == HairStyle.FRINGE ? fringeCut(cutRx) : hairlineCut(cutRx));
        // Narrow faces bring the temples close to the brows: the hairline recedes there rather than let the
        // masks touch.
        forehead.add(new Area(BrowShapes.hairClearance()));
        // Uncover skin only; cutting hair beside the head would open a gap to the background.
        forehead.intersect(new Area(head.head()));
        front.subtract(forehead);

        Area back = new Area();
        if (f.hairStyle() == HairStyle.LONG) {
            double half = headRx + 4.0;
            // Merged rather than painted part by part, so the contour runs round the outside only.
            back.add(new Area(new Ellipse2D.Double(CX - headRx - 3.2, HEAD_CY - 0.8 - HEAD_RY - 4.0,
                    2 * (headRx + 3.2), 2 * (HEAD_RY + 4.0))));
            back.add(new Area(new RoundRectangle2D.Double(CX - half, HEAD_CY - 6, 2 * half,
                    LONG_BOTTOM - (HEAD_CY - 6), 7, 7)));
        }
        return new HairShapes(back, front);
    }

    /** Forehead with a rounded hairline, high in the middle and lower at the temples. */
    private static Shape hairlineCut(double cutRx) {
        double ry = 6;
        Area cut = new Area(new Ellipse2D.Double(CX - cutRx, SHORT_HAIRLINE, 2 * cutRx, 2 * ry));
        cut.add(new Area(new Rectangle2D.Double(CX - cutRx, SHORT_HAIRLINE + ry, 2 * cutRx, 40)));
        return cut;
    }

    /** Forehead below a straight fringe whose lower edge is scalloped into locks. */
    private static Shape fringeCut(double cutRx) {
        int locks = 7;
        double lockWidth = 2 * cutRx / locks;
        Path2D cut = new Path2D.Double();
        cut.moveTo(CX - cutRx, FRINGE_EDGE + 40);
        cut.lineTo(CX - cutRx, FRINGE_EDGE + 1.2);
        for (int i = 0; i < locks; i++) {
            double x0 = CX - cutRx + i * lockWidth;
            // Each scallop arches up between two lock tips.
            cut.quadTo(x0 + lockWidth / 2, FRINGE_EDGE - 1.0, x0 + lockWidth, FRINGE_EDGE + (i == locks - 1 ? 1.2 : 0.4));
        }
        cut.lineTo(CX + cutRx, FRINGE_EDGE + 40);
        cut.closePath();
        return cut;
    }
}
