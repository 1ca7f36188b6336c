package dev.locus.worker.edit;

import dev.locus.common.messages.EditJob;
import dev.locus.engine.methods.DirectionBasis;
import dev.locus.engine.pipelines.EditPipeline;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * What an edit job asks the engine for: one row that composes every direction, or, with {@code strengths}, one row
 * per strength in which the first direction takes that strength and the others keep theirs.
 */
final class EditRows {

    private EditRows() {}

    static List<List<EditPipeline.Term>> of(EditJob job, Function<UUID, DirectionBasis> bases) {
        List<EditPipeline.Term> terms = new ArrayList<>();
        for (EditJob.Term term : job.directions()) {
            terms.add(new EditPipeline.Term(bases.apply(term.versionId()), term.index(), term.strength()));
        }
        return EditPipeline.sweepFirst(terms, job.strengths());
    }

    /** The strength row {@code row} swept, or null when the job composes its directions into one image. */
    static Double sweptStrength(EditJob job, int row) {
        return job.strengths() == null || job.strengths().isEmpty() ? null : job.strengths().get(row);
    }
}
