package dev.locus.worker.edit;

import dev.locus.common.messages.EditJob;
import dev.locus.common.messages.EditResult;
import dev.locus.common.storage.BlobStore;
import dev.locus.common.storage.Sha256;
import dev.locus.engine.io.Images;
import dev.locus.engine.models.unet2d.UNet2DLoader;
import dev.locus.engine.pipelines.EditPipeline;
import dev.locus.engine.schedulers.DiffusersDdimTrajectory;
import dev.locus.worker.runtime.JobExecution;
import dev.locus.worker.runtime.JobInputs;
import dev.locus.worker.runtime.ModelCache;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.springframework.stereotype.Service;

/**
 * An edit job end to end: the directions compose into one edit (or the first one's strength is
 * swept), the engine inverts the image and samples it back with the edit in place, and each
 * result is stored as a PNG under its content hash, so a redelivered job rewrites the same objects.
 */
@Service
public class Edit {

    private final ModelCache models;
    private final DirectionCache directions;
    private final JobInputs inputs;
    private final BlobStore blobs;

    public Edit(ModelCache models, DirectionCache directions, JobInputs inputs, BlobStore blobs) {
        this.models = models;
        this.directions = directions;
        this.inputs = inputs;
        this.blobs = blobs;
    }

    public EditResult run(EditJob job, JobExecution execution) {
        UNet2DLoader.Loaded model = models.get(job.modelId(), job.modelFingerprint());
        // the bases come from the cache and outlive this job: loaded outside its native scope, which frees what it holds
        List<List<EditPipeline.Term>> rows = EditRows.of(job, directions::get);
        try (PointerScope scope = new PointerScope()) {
            Tensor image = inputs.image(job.imageId(), model);
            long start = System.nanoTime();
            Tensor edited = new EditPipeline(model.model(), model.fingerprint(),
                    new DiffusersDdimTrajectory(model.scheduler(), job.steps(), 0)).apply(image, rows, job.seed(), execution)
                    .cpu();
            long sampled = System.nanoTime();
            execution.phase("storing");
            List<EditResult.Image> images = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                byte[] png = Images.encodeGrid(List.of(edited.select(0, i)), 1, 0);
                String sha = Sha256.hex(png);
                String key = "results/" + sha + ".png";
                blobs.put(key, png, "image/png");
                images.add(new EditResult.Image(EditRows.sweptStrength(job, i), key, sha));
            }
            return new EditResult(images, Map.of("engine", (sampled - start) / 1_000_000,
                    "storing", (System.nanoTime() - sampled) / 1_000_000));
        }
    }
}
