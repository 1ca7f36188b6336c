package dev.locus.worker.direction;

import dev.locus.common.messages.DiscoveryJob;
import dev.locus.engine.methods.HSpaceDirections;
import dev.locus.engine.methods.Loco;

/** The engine's options for a job's parameters: the presets' iterations and tolerances with the job's choices. */
final class MethodOptions {

    private MethodOptions() {}

    static Loco.Options loco(DiscoveryJob.LocoParams params, long seed) {
        return Loco.Options.reference(params.tEdit(), params.rank(), params.nullRank(), seed)
                .withNullSpaceProjection(params.nullSpaceProjection());
    }

    static HSpaceDirections.Options hSpace(DiscoveryJob.JiveParams params, long seed) {
        return HSpaceDirections.Options.paper(params.tEdit(), seed)
                .withRanks(params.jacobianRank(), params.jointRank(), params.individualRank()).withJive(params.jive());
    }
}
