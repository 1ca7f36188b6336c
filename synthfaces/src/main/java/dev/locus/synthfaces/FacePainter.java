package dev.locus.synthfaces;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.util.List;

/**
 * Paints a {@link FaceGeometry} back to front onto a Graphics2D that already maps the canvas to pixels. Only
 * fills, strokes and flat colours: no text, images or gradients, whose rendering varies between platforms.
 * Every stroke is painted clipped to the shape it outlines or decorates, so no colour spills into a
 * neighbouring region.
 */
final class FacePainter {
    private static final int EYE_WHITE = 0xFAFAF6;
    private static final int PUPIL = 0x141010;
    private static final int LID = 0x2A1A16;
    private static final int BROW = 0x2C1E18;
    private static final int FRAME = 0x1C1C24;
    private static final int MOUTH_INSIDE = 0x3A0E14;
    private static final int TEETH = 0xF4F2EC;
    /** Centred on the edge and clipped to the shape, so only the inner half (0.8 units) shows. */
    private static final BasicStroke CONTOUR = new BasicStroke(1.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    private static final BasicStroke NOSE = new BasicStroke(0.9f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    private static final BasicStroke LIP_LINE = new BasicStroke(0.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);

    private FacePainter() {
    }

    static void paint(Graphics2D g, FaceGeometry geo, FaceFactors f) {
        int skin = f.skinTone().rgb;
        int hair = f.hairColour().rgb;

        fill(g, geo.hair().back(), hair);
        contour(g, geo.hair().back(), Rgb.darken(hair, 0.3));

        HeadShapes head = geo.head();
        fill(g, head.neck(), Rgb.darken(skin, 0.14));
        for (Shape ear : head.ears()) {
            fill(g, ear, Rgb.darken(skin, 0.06));
        }
        fill(g, head.head(), skin);
        contour(g, head.head(), Rgb.darken(skin, 0.22));
        g.setColor(Rgb.color(Rgb.darken(skin, 0.2)));
        g.fill(NOSE.createStrokedShape(head.nose()));

        paintMouth(g, geo.mouth(), f.lipColour().rgb);
        paintEyes(g, geo.eyes(), f.irisColour().rgb);
        fill(g, geo.brows().brows(), BROW);
        fillAll(g, geo.glasses().frame(), FRAME);

        fill(g, geo.hair().front(), hair);
        contour(g, geo.hair().front(), Rgb.darken(hair, 0.3));
    }

    private static void paintEyes(Graphics2D g, EyeShapes eyes, int iris) {
        fill(g, eyes.whites(), EYE_WHITE);
        g.clip(eyes.whites());
        fill(g, eyes.irises(), iris);
        fill(g, eyes.pupils(), PUPIL);
        fill(g, eyes.highlights(), 0xFFFFFF);
        g.setClip(null);
        fill(g, eyes.lids(), LID);
    }

    private static void paintMouth(Graphics2D g, MouthShapes mouth, int lip) {
        fill(g, mouth.lips(), lip);
        contour(g, mouth.lips(), Rgb.darken(lip, 0.3));
        fill(g, mouth.inside(), MOUTH_INSIDE);
        g.clip(mouth.inside());
        fill(g, mouth.teeth(), TEETH);
        g.setClip(null);
        fill(g, mouth.seam(), Rgb.darken(lip, 0.5));
        g.setColor(Rgb.color(Rgb.darken(lip, 0.45)));
        g.fill(LIP_LINE.createStrokedShape(mouth.inside()));
    }

    private static void fill(Graphics2D g, Shape s, int rgb) {
        g.setColor(Rgb.color(rgb));
        g.fill(s);
    }

    private static void fillAll(Graphics2D g, List<Shape> parts, int rgb) {
        for (Shape s : parts) {
            fill(g, s, rgb);
        }
    }

    private static void contour(Graphics2D g, Shape s, int rgb) {
        g.clip(s);
        g.setColor(Rgb.color(rgb));
        g.fill(CONTOUR.createStrokedShape(s));
        g.setClip(null);
    }
}
