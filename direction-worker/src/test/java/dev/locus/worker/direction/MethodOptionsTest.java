package dev.locus.worker.direction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.locus.common.messages.DiscoveryJob;
import dev.locus.engine.api.JivePreset;
import dev.locus.engine.api.LocoPreset;
import dev.locus.engine.methods.HSpaceDirections;
import dev.locus.engine.methods.Loco;
import java.util.List;
import org.junit.jupiter.api.Test;

class MethodOptionsTest {

    @Test
    void aLocoJobRunsTheReferenceIterationsWithItsOwnChoices() {
        Loco.Options options = MethodOptions.loco(new DiscoveryJob.LocoParams("m", 0.4, 2, 7, false), 11);
        assertThat(options.tEdit()).isEqualTo(0.4);
        assertThat(options.rank()).isEqualTo(2);
        assertThat(options.nullRank()).isEqualTo(7);
        assertThat(options.nullSpaceProjection()).isFalse();
        assertThat(options.seed()).isEqualTo(11);
        assertThat(options.minIterations()).isEqualTo(LocoPreset.REFERENCE.minIterations());
        assertThat(options.maxIterations()).isEqualTo(LocoPreset.REFERENCE.maxIterations());
        assertThat(options.tolerance()).isEqualTo(LocoPreset.REFERENCE.tolerance());
        assertThat(options.target()).isEqualTo(Loco.Target.POSTERIOR_MEAN);
    }

    /** r, r_C and r_A each reach the engine as what they are (the API's "rank" is r_A). */
    @Test
    void aJiveJobsRanksReachTheEngineUnderTheirOwnNames() {
        HSpaceDirections.Options options = MethodOptions.hSpace(new DiscoveryJob.JiveParams(
                List.of(new DiscoveryJob.Region("eyes", "m")), 0.5, 40, 20, 4, false), 3);
        assertThat(options.rank()).isEqualTo(40);
        assertThat(options.jointRank()).isEqualTo(20);
        assertThat(options.individualRank()).isEqualTo(4);
        assertThat(options.jive()).isFalse();
        assertThat(options.tEdit()).isEqualTo(0.5);
        assertThat(options.seed()).isEqualTo(3);
        assertThat(options.minIterations()).isEqualTo(JivePreset.PAPER.minIterations());
        assertThat(options.tolerance()).isEqualTo(JivePreset.PAPER.tolerance());
        assertThat(options.jiveIterations()).isEqualTo(JivePreset.PAPER.jiveIterations());
    }
}
