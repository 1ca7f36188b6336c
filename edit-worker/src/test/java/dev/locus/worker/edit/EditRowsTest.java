package dev.locus.worker.edit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.locus.common.messages.EditJob;
import dev.locus.engine.api.Method;
import dev.locus.engine.api.Schedule;
import dev.locus.engine.methods.DirectionBasis;
import dev.locus.engine.pipelines.EditPipeline;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

class EditRowsTest {

    private final UUID eyesId = UUID.randomUUID();
    private final UUID mouthId = UUID.randomUUID();
    private final DirectionBasis eyes = basis(Method.LOCO);
    private final DirectionBasis mouth = basis(Method.JIVE);
    private final Map<UUID, DirectionBasis> stored = Map.of(eyesId, eyes, mouthId, mouth);

    @Test
    void withoutStrengthsEveryDirectionComposesIntoOneImage() {
        EditJob job = job(null);
        List<List<EditPipeline.Term>> rows = EditRows.of(job, stored::get);
        assertThat(rows).containsExactly(List.of(new EditPipeline.Term(eyes, 1, 8), new EditPipeline.Term(mouth, 0, -50)));
        assertThat(EditRows.sweptStrength(job, 0)).isNull();
    }

    @Test
    void withStrengthsTheFirstDirectionIsSweptAndTheOthersKeepTheirs() {
        EditJob job = job(List.of(-4.0, 0.0, 4.0));
        List<List<EditPipeline.Term>> rows = EditRows.of(job, stored::get);
        assertThat(rows).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(rows.get(i)).containsExactly(new EditPipeline.Term(eyes, 1, job.strengths().get(i)),
                    new EditPipeline.Term(mouth, 0, -50));
            assertThat(EditRows.sweptStrength(job, i)).isEqualTo(job.strengths().get(i));
        }
    }

    private EditJob job(List<Double> strengths) {
        return new EditJob(UUID.randomUUID(), "faces", "sha256:ab", "img",
                List.of(new EditJob.Term(eyesId, "eyes@1", 1, 8), new EditJob.Term(mouthId, "mouth@1", 0, -50)),
                strengths, 20, 0);
    }

    private static DirectionBasis basis(Method method) {
        return new DirectionBasis(method, torch.zeros(2, 3, 4, 4), torch.zeros(2, 3, 4, 4), torch.ones(2), null, null,
                List.of("a/0", "a/1"), Map.of(), "sha256:ab", 600, Schedule.ddim(Schedule.Spacing.LEADING, 20, 0.0),
                "m", "s");
    }
}
