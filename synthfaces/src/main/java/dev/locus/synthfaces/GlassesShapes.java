package dev.locus.synthfaces;

import java.awt.BasicStroke;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.util.ArrayList;
import java.util.List;

import static dev.locus.synthfaces.Layout.CX;
import static dev.locus.synthfaces.Layout.EYE_DX;

/**
 * Round glasses: two lens rims around the eyes and a bridge, no temples (they would run into the hair).
 * Glasses belong to the eyes region; {@code zone} is what they add to the eyes mask. Parts overlap, so they
 * are kept as lists and painted one by one.
 *
 * @param frame the rims and bridge, already stroked; empty without glasses
 */
record GlassesShapes(List<Shape> frame, List<Shape> zone) {

    private static final BasicStroke FRAME_STROKE =
            new BasicStroke(1.25f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    /** Reaches past the frame's outer edge (half the stroke) by about a quarter pixel at 32x32. */
    private static final double ZONE_MARGIN = 1.1;

    static GlassesShapes of(FaceFactors f, EyeShapes eyes) {
        if (!f.glasses()) {
            return new GlassesShapes(List.of(), List.of());
        }
        double lrx = eyes.halfWidth() + 1.5;
        double lry = 0.74 * lrx;
        double cy = EyeShapes.centreY(eyes.openHalfHeight());
        List<Shape> frame = new ArrayList<>();
        List<Shape> zone = new ArrayList<>();
        for (int side = -1; side <= 1; side += 2) {
            double cx = CX + side * EYE_DX;
            frame.add(FRAME_STROKE.createStrokedShape(new Ellipse2D.Double(cx - lrx, cy - lry, 2 * lrx, 2 * lry)));
            double zx = lrx + ZONE_MARGIN;
            double zy = lry + ZONE_MARGIN;
            zone.add(new Ellipse2D.Double(cx - zx, cy - zy, 2 * zx, 2 * zy));
        }
        double inner = EYE_DX - lrx;
        double bridgeY = cy - 0.3 * lry;
        Path2D bridge = new Path2D.Double();
        bridge.moveTo(CX - inner, bridgeY);
        bridge.quadTo(CX, bridgeY - 1.2, CX + inner, bridgeY);
        frame.add(FRAME_STROKE.createStrokedShape(bridge));
        zone.add(new BasicStroke((float) (2 * ZONE_MARGIN), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND)
                .createStrokedShape(bridge));
        return new GlassesShapes(List.copyOf(frame), List.copyOf(zone));
    }
}
