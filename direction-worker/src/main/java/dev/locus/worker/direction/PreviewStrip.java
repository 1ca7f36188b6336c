package dev.locus.worker.direction;

import dev.locus.engine.io.Images;
import dev.locus.engine.methods.DirectionBasis;
import dev.locus.engine.models.unet2d.UNet2DLoader;
import dev.locus.engine.pipelines.EditPipeline;
import dev.locus.engine.schedulers.DdimTrajectory;
import dev.locus.worker.runtime.JobExecution;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.springframework.stereotype.Component;

/**
 * The library's thumbnail of a direction: its first vector applied to the source image at
 * -lambda, 0 and +lambda, side by side, in one batched sampling pass.
 */
@Component
public class PreviewStrip {

    public byte[] render(UNet2DLoader.Loaded model, DdimTrajectory trajectory, Tensor image, DirectionBasis basis,
                         double strength, JobExecution execution) {
        List<List<EditPipeline.Term>> rows = EditPipeline.sweep(basis, 0, new double[] {-strength, 0, strength});
        Tensor strip = new EditPipeline(model.model(), model.fingerprint(), trajectory)
                .apply(image, rows, 0, (phase, step, total) -> execution.onStep("preview-" + phase, step, total));
        return Images.encodeGrid(List.of(strip.cpu()), 3, 1);
    }
}
