package dev.locus.engine.api;

import java.util.Locale;

/**
 * The sampling schedule a set of directions was found on, as data. An x_t direction belongs to one level of it,
 * so an edit samples on the same schedule; diffusers' {@code DDIMScheduler} likewise keeps
 * {@code num_inference_steps} and its timesteps as typed state set by {@code set_timesteps()}.
 *
 * @param kind         diffusers' DDIM timesteps, or the LOCO reference code's grid
 * @param steps        steps over the whole training range (the grid's points for the LOCO grid)
 * @param spacing      diffusers' {@code timestep_spacing} of a DDIM schedule; null on the LOCO grid
 * @param eta          DDIM's eta of the sampling steps (0: deterministic)
 * @param qualityBoost the LOCO grid's stochastic steps below 0.2T, as the reference code; false for DDIM
 */
public record Schedule(Kind kind, int steps, Spacing spacing, double eta, boolean qualityBoost) {

    /** Where the timesteps come from. */
    public enum Kind {
        /** diffusers' DDIM (DDIMScheduler sampling, DDIMInverseScheduler inversion) */
        DDIM,
        /** the LOCO reference code's grid of fractional timesteps */
        LOCO_GRID
    }

    /** diffusers' {@code timestep_spacing}: how n steps are laid over the training timesteps. */
    public enum Spacing {
        LEADING,
        TRAILING,
        LINSPACE;

        /** The name diffusers' scheduler configs use ({@code leading}, ...). */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Spacing fromId(String id) {
            for (Spacing spacing : values()) {
                if (spacing.id().equals(id)) {
                    return spacing;
                }
            }
            throw new IllegalArgumentException("unknown timestep_spacing '" + id + "': expected leading, trailing or linspace");
        }
    }

    /** DDIM steps over the whole range when a request or command names none (the diffusers pipelines' 50). */
    public static final int DEFAULT_STEPS = 50;

    public Schedule {
        if (kind == null) {
            throw new IllegalArgumentException("a schedule needs a kind");
        }
        if (steps < 1) {
            throw new IllegalArgumentException("a schedule needs at least 1 step, got " + steps);
        }
        if ((kind == Kind.DDIM) != (spacing != null)) {
            throw new IllegalArgumentException("a DDIM schedule has a timestep spacing and the LOCO grid none");
        }
        if (kind == Kind.DDIM && qualityBoost) {
            throw new IllegalArgumentException("quality boost belongs to the LOCO grid");
        }
    }

    public static Schedule ddim(Spacing spacing, int steps, double eta) {
        return new Schedule(Kind.DDIM, steps, spacing, eta, false);
    }

    public static Schedule locoGrid(int steps, boolean qualityBoost) {
        return new Schedule(Kind.LOCO_GRID, steps, null, 0.0, qualityBoost);
    }

    /** One line for people and logs: {@code ddim/leading/50/eta=0.0}, {@code loco/100}, {@code loco/100/quality-boost}. */
    public String describe() {
        return switch (kind) {
            case DDIM -> "ddim/" + spacing.id() + "/" + steps + "/eta=" + eta;
            case LOCO_GRID -> "loco/" + steps + (qualityBoost ? "/quality-boost" : "");
        };
    }

    /**
     * The schedule a {@link #describe()} line names. Only for what was stored as text before schedules were data
     * (direction basis files written then); nothing new is written as text.
     */
    public static Schedule fromDescription(String text) {
        String[] parts = text == null ? new String[0] : text.split("/");
        try {
            if (parts.length == 4 && parts[0].equals("ddim") && parts[3].startsWith("eta=")) {
                return ddim(Spacing.fromId(parts[1]), Integer.parseInt(parts[2]), Double.parseDouble(parts[3].substring(4)));
            }
            if (parts.length >= 2 && parts.length <= 3 && parts[0].equals("loco")
                    && (parts.length == 2 || parts[2].equals("quality-boost"))) {
                return locoGrid(Integer.parseInt(parts[1]), parts.length == 3);
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw new IllegalArgumentException("not a schedule description: '" + text + "'");
    }
}
