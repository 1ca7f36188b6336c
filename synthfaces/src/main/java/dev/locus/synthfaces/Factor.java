package dev.locus.synthfaces;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The factor schema: every factor of variation, in a fixed order that all encodings follow. Code that learns
 * or judges factors (a probe, a benchmark) iterates {@code Factor.values()} rather than naming fields, so a
 * factor added here reaches it without further changes.
 *
 * <p>Raw values ({@link #get}) are: the value itself for a continuous factor, 0 or 1 for a binary one, the class
 * index for a categorical one.
 */
public enum Factor {
    EYE_OPENNESS(FactorKind.CONTINUOUS, Region.EYES, 0, 1, "0 closed, 1 wide open"),
    EYE_SIZE(FactorKind.CONTINUOUS, Region.EYES, 0, 1, "0 small, 1 large"),
    GAZE(FactorKind.CONTINUOUS, Region.EYES, -1, 1, "horizontal pupil offset: -1 image left, 1 image right"),
    IRIS_COLOUR(IrisColour.class, Region.EYES),
    /** Glasses belong to the eyes: the frames sit on the eye region and the eyes mask grows to cover them. */
    GLASSES(FactorKind.BINARY, Region.EYES, 0, 1, "0 none, 1 round glasses"),
    BROW_ANGLE(FactorKind.CONTINUOUS, Region.EYEBROWS, -1, 1, "-1 frowning (inner ends down), 1 raised (inner ends up)"),
    BROW_THICKNESS(FactorKind.CONTINUOUS, Region.EYEBROWS, 0, 1, "0 thin, 1 thick"),
    MOUTH_CURVE(FactorKind.CONTINUOUS, Region.MOUTH, -1, 1, "-1 frown, 0 neutral, 1 smile"),
    MOUTH_OPEN(FactorKind.CONTINUOUS, Region.MOUTH, 0, 1, "0 closed, 1 wide open"),
    LIP_COLOUR(LipColour.class, Region.MOUTH),
    HAIR_COLOUR(HairColour.class, Region.HAIR),
    HAIR_STYLE(HairStyle.class, Region.HAIR),
    SKIN_TONE(SkinTone.class, Region.FACE),
    FACE_WIDTH(FactorKind.CONTINUOUS, Region.FACE, 0, 1, "0 narrow, 1 wide"),
    BACKGROUND(Background.class, Region.BACKGROUND);

    private final FactorKind kind;
    private final Region region;
    private final double min;
    private final double max;
    private final List<String> classes;
    private final String meaning;

    Factor(FactorKind kind, Region region, double min, double max, String meaning) {
        this.kind = kind;
        this.region = region;
        this.min = min;
        this.max = max;
        this.classes = kind == FactorKind.BINARY ? List.of("no", "yes") : List.of();
        this.meaning = meaning;
    }

    Factor(Class<? extends Enum<?>> classEnum, Region region) {
        this.kind = FactorKind.CATEGORICAL;
        this.region = region;
        this.classes = Arrays.stream(classEnum.getEnumConstants())
                .map(c -> c.name().toLowerCase(Locale.ROOT))
                .toList();
        this.min = 0;
        this.max = classes.size() - 1;
        this.meaning = "one of " + String.join(", ", classes);
    }

    /** snake_case name, as used in JSON. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public FactorKind kind() {
        return kind;
    }

    /** Where on the picture changing this factor changes pixels. */
    public Region region() {
        return region;
    }

    /** Lowest raw value (0 for binary and categorical). */
    public double min() {
        return min;
    }

    /** Highest raw value (1 for binary, class count - 1 for categorical). */
    public double max() {
        return max;
    }

    /** Class names for categorical factors, {@code [no, yes]} for binary ones, empty for continuous ones. */
    public List<String> classes() {
        return classes;
    }

    /** Number of classes of a binary or categorical factor; 0 for a continuous one. */
    public int classCount() {
        return classes.size();
    }

    /** What the values mean, for documentation and {@code --help}. */
    public String meaning() {
        return meaning;
    }

    /** The raw value of this factor in {@code f}. */
    public double get(FaceFactors f) {
        return switch (this) {
            case EYE_OPENNESS -> f.eyeOpenness();
            case EYE_SIZE -> f.eyeSize();
            case GAZE -> f.gaze();
            case IRIS_COLOUR -> f.irisColour().ordinal();
            case GLASSES -> f.glasses() ? 1 : 0;
            case BROW_ANGLE -> f.browAngle();
            case BROW_THICKNESS -> f.browThickness();
            case MOUTH_CURVE -> f.mouthCurve();
            case MOUTH_OPEN -> f.mouthOpen();
            case LIP_COLOUR -> f.lipColour().ordinal();
            case HAIR_COLOUR -> f.hairColour().ordinal();
            case HAIR_STYLE -> f.hairStyle().ordinal();
            case SKIN_TONE -> f.skinTone().ordinal();
            case FACE_WIDTH -> f.faceWidth();
            case BACKGROUND -> f.background().ordinal();
        };
    }

    /** The value's class name (categorical, binary) or the number itself (continuous), for JSON. */
    public Object label(FaceFactors f) {
        double v = get(f);
        return kind == FactorKind.CONTINUOUS ? (Object) v : classes.get((int) v);
    }

    /** The factor with this {@link #id()}; case-insensitive, dashes allowed for underscores. */
    public static Factor fromId(String id) {
        String key = id.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        for (Factor f : values()) {
            if (f.id().equals(key)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown factor '" + id + "'; factors are "
                + String.join(", ", Arrays.stream(values()).map(Factor::id).toList()));
    }

    /**
     * The raw value written as text: a number for a continuous factor; a class name or index for a categorical
     * one; yes/no, true/false or 1/0 for a binary one.
     */
    public double parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (kind == FactorKind.BINARY) {
            switch (t) {
                case "1", "yes", "true", "on" -> {
                    return 1;
                }
                case "0", "no", "false", "off" -> {
                    return 0;
                }
                default -> throw new IllegalArgumentException(id() + " takes yes or no, not '" + text + "'");
            }
        }
        if (kind == FactorKind.CATEGORICAL) {
            int i = classes.indexOf(t);
            if (i >= 0) {
                return i;
            }
        }
        double v;
        try {
            v = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(id() + " takes " + (kind == FactorKind.CATEGORICAL
                    ? "one of " + String.join(", ", classes) : "a number in [" + min + ", " + max + "]")
                    + ", not '" + text + "'");
        }
        if (!(v >= min && v <= max) || (kind != FactorKind.CONTINUOUS && v != Math.rint(v))) {
            throw new IllegalArgumentException(id() + " = " + text + " is outside [" + min + ", " + max + "]"
                    + (kind == FactorKind.CATEGORICAL ? " (classes: " + String.join(", ", classes) + ")" : ""));
        }
        return v;
    }

    /** {@code v} mapped linearly from {@code [min, max]} to {@code [0, 1]}. */
    public double normalize(double v) {
        return max == min ? 0 : (v - min) / (max - min);
    }

    /** Inverse of {@link #normalize}. */
    public double denormalize(double u) {
        return min + u * (max - min);
    }
}
