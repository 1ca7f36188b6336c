package dev.locus.synthfaces.probe;

import dev.locus.synthfaces.Factor;
import dev.locus.synthfaces.FactorKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Where each factor's outputs sit in the probe's output vector, in {@link Factor} order: one logit for a
 * binary factor, one logit per class for a categorical one, one value (normalised to [0, 1]) for a
 * continuous one. The layout follows {@code Factor.values()}, so a factor added to the schema gets a head
 * without changes here; {@link #version()} changes with it, so old weights are refused instead of misread.
 */
public final class ProbeSchema {

    /** One factor's slice of the output vector. */
    public record Slot(Factor factor, int offset, int width) {}

    private static final List<Slot> SLOTS = layOut();
    private static final int WIDTH = SLOTS.stream().mapToInt(Slot::width).sum();

    private ProbeSchema() {}

    public static List<Slot> slots() {
        return SLOTS;
    }

    public static Slot slot(Factor factor) {
        return SLOTS.get(factor.ordinal());
    }

    /** Length of the output vector. */
    public static int width() {
        return WIDTH;
    }

    /**
     * A compact description of every factor's id, kind and classes: weights trained against a different
     * schema would put the wrong meaning on some output, so loading compares this string.
     */
    public static String version() {
        StringBuilder s = new StringBuilder();
        for (Factor f : Factor.values()) {
            if (s.length() > 0) {
                s.append(';');
            }
            s.append(f.id()).append(':').append(f.kind().name().toLowerCase());
            if (f.kind() == FactorKind.CATEGORICAL) {
                s.append(':').append(String.join("|", f.classes()));
            }
        }
        return s.toString();
    }

    private static List<Slot> layOut() {
        List<Slot> slots = new ArrayList<>();
        int offset = 0;
        for (Factor f : Factor.values()) {
            int width = f.kind() == FactorKind.CATEGORICAL ? f.classCount() : 1;
            slots.add(new Slot(f, offset, width));
            offset += width;
        }
        return List.copyOf(slots);
    }
}
