package dev.locus.synthfaces;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-English sentence naming every factor, for text-conditioned models and for people reading a data set,
 * e.g. "a wide face with wide open large blue eyes looking left, raised thick eyebrows, a broad open smile with
 * red lips, long blonde hair, glasses, dark skin, on a green background". Continuous factors are put into coarse
 * bins; the middle bin of a size-like factor says nothing ("a face", not "a medium face").
 */
public final class Captions {
    private Captions() {
    }

    public static String describe(FaceFactors f) {
        List<String> parts = new ArrayList<>();
        parts.add(faceWidth(f.faceWidth()) + "face with " + eyes(f));
        parts.add(brows(f));
        parts.add(mouth(f) + " with " + f.lipColour().label() + " lips");
        parts.add(hair(f));
        parts.add(f.glasses() ? "glasses" : "no glasses");
        parts.add(f.skinTone().label() + " skin");
        return "a " + String.join(", ", parts) + ", on a " + f.background().label() + " background";
    }

    private static String faceWidth(double w) {
        return w < 1 / 3.0 ? "narrow " : w > 2 / 3.0 ? "wide " : "";
    }

    private static String eyes(FaceFactors f) {
        double o = f.eyeOpenness();
        String openness = o < 0.12 ? "closed" : o < 0.4 ? "half-closed" : o < 0.75 ? "open" : "wide open";
        String size = f.eyeSize() < 1 / 3.0 ? " small" : f.eyeSize() > 2 / 3.0 ? " large" : "";
        String gaze = f.gaze() < -1 / 3.0 ? " looking left" : f.gaze() > 1 / 3.0 ? " looking right" : "";
        if (o < 0.12) {
            // Iris and gaze cannot be seen through closed lids, but the caption still names the iris colour so
            // it stays a function of the factors alone.
            gaze = "";
        }
        return openness + size + " " + f.irisColour().label() + " eyes" + gaze;
    }

    private static String brows(FaceFactors f) {
        double a = f.browAngle();
        String angle = a < -1 / 3.0 ? "frowning" : a > 1 / 3.0 ? "raised" : "level";
        double t = f.browThickness();
        String thickness = t < 1 / 3.0 ? "thin" : t > 2 / 3.0 ? "thick" : "medium";
        return angle + " " + thickness + " eyebrows";
    }

    private static String mouth(FaceFactors f) {
        double c = f.mouthCurve();
        double o = f.mouthOpen();
        String shape = c > 0.6 ? "a broad smile" : c > 0.2 ? "a slight smile" : c < -0.6 ? "a deep frown"
                : c < -0.2 ? "a slight frown" : "a straight mouth";
        String open = o < 0.15 ? "closed" : o < 0.55 ? "parted" : "open";
        // "a broad smile" -> "a broad open smile"
        int space = shape.lastIndexOf(' ');
        return shape.substring(0, space) + " " + open + shape.substring(space);
    }

    private static String hair(FaceFactors f) {
        String colour = f.hairColour().label();
        return switch (f.hairStyle()) {
            case SHORT -> "short " + colour + " hair";
            case LONG -> "long " + colour + " hair";
            case FRINGE -> colour + " hair with a fringe";
        };
    }
}
