package dev.locus.synthfaces;

import java.util.Objects;

/**
 * Every factor of one face. Components follow the order of {@link Factor}; ranges are those given there.
 *
 * @param eyeOpenness 0 closed .. 1 wide open
 * @param eyeSize 0 small .. 1 large
 * @param gaze -1 pupils to image left .. 1 to image right
 * @param browAngle -1 frowning (inner ends down) .. 1 raised (inner ends up)
 * @param browThickness 0 thin .. 1 thick
 * @param mouthCurve -1 frown .. 1 smile
 * @param mouthOpen 0 closed .. 1 wide open
 * @param faceWidth 0 narrow .. 1 wide
 */
public record FaceFactors(
        double eyeOpenness,
        double eyeSize,
        double gaze,
        IrisColour irisColour,
        boolean glasses,
        double browAngle,
        double browThickness,
        double mouthCurve,
        double mouthOpen,
        LipColour lipColour,
        HairColour hairColour,
        HairStyle hairStyle,
        SkinTone skinTone,
        double faceWidth,
        Background background) {

    public FaceFactors {
        check(Factor.EYE_OPENNESS, eyeOpenness);
        check(Factor.EYE_SIZE, eyeSize);
        check(Factor.GAZE, gaze);
        check(Factor.BROW_ANGLE, browAngle);
        check(Factor.BROW_THICKNESS, browThickness);
        check(Factor.MOUTH_CURVE, mouthCurve);
        check(Factor.MOUTH_OPEN, mouthOpen);
        check(Factor.FACE_WIDTH, faceWidth);
        Objects.requireNonNull(irisColour, "irisColour");
        Objects.requireNonNull(lipColour, "lipColour");
        Objects.requireNonNull(hairColour, "hairColour");
        Objects.requireNonNull(hairStyle, "hairStyle");
        Objects.requireNonNull(skinTone, "skinTone");
        Objects.requireNonNull(background, "background");
    }

    private static void check(Factor factor, double v) {
        if (!(v >= factor.min() && v <= factor.max())) {
            throw new IllegalArgumentException(
                    factor.id() + " = " + v + " is outside [" + factor.min() + ", " + factor.max() + "]");
        }
    }

    /**
     * A copy with one factor set from its raw value (see {@link Factor#get}); categorical and binary values are
     * rounded to the nearest class. This is how an experiment changes one factor and nothing else.
     */
    public FaceFactors with(Factor factor, double raw) {
        double[] values = FactorCodec.raw(this);
        values[factor.ordinal()] = raw;
        return FactorCodec.fromRaw(values);
    }
}
