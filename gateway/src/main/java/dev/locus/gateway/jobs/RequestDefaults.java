package dev.locus.gateway.jobs;

import dev.locus.engine.api.JivePreset;
import dev.locus.engine.api.LocoPreset;
import dev.locus.engine.api.Schedule;

/**
 * What a job request's left-out fields become, and the fixed bounds of its fields: read by the validators and by
 * the API document, so that the document states what the gateway does. Limits an operator configures live in
 * {@code GatewayProperties}.
 */
public final class RequestDefaults {

    /** t_edit as a fraction of the trajectory (the LOCO paper's 0.6). */
    public static final double TIMESTEP = LocoPreset.REFERENCE.tEdit();
    /** t_edit outside this leaves nothing to edit (near 0) or an x_t that is nearly pure noise (near 1). */
    public static final double MIN_TIMESTEP = 0.05;
    public static final double MAX_TIMESTEP = 0.95;
    /** LOCO's directions k and null-space rank r'. */
    public static final int LOCO_RANK = LocoPreset.REFERENCE.rank();
    public static final int NULL_RANK = LocoPreset.REFERENCE.nullRank();
    /** JIVE's individual rank r_A, joint rank r_C and singular vectors per region r (the JIVE paper's values). */
    public static final int JIVE_RANK = JivePreset.PAPER.individualRank();
    public static final int JOINT_RANK = JivePreset.PAPER.jointRank();
    public static final int JACOBIAN_RANK = JivePreset.PAPER.jacobianRank();
    public static final int STEPS = Schedule.DEFAULT_STEPS;
    public static final int MIN_STEPS = 2;
    public static final int MAX_STEPS = 1000;
    public static final long SEED = 0;
    /** An edit term's vector in its basis and its strength. */
    public static final int INDEX = 0;
    public static final double STRENGTH = 1.0;

    private RequestDefaults() {}
}
