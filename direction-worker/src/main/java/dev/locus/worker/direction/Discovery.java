package dev.locus.worker.direction;

import dev.locus.common.LocusVersion;
import dev.locus.common.messages.DiscoveryJob;
import dev.locus.common.messages.DiscoveryResult;
import dev.locus.common.registry.DirectionRegistry;
import dev.locus.common.registry.DirectionVersion;
import dev.locus.common.storage.BlobStore;
import dev.locus.common.storage.Sha256;
import dev.locus.engine.api.DirectionSpace;
import dev.locus.engine.io.TensorArrays;
import dev.locus.engine.methods.DirectionBasis;
import dev.locus.engine.methods.HSpaceDirections;
import dev.locus.engine.methods.Loco;
import dev.locus.engine.models.unet2d.UNet2DLoader;
import dev.locus.engine.schedulers.DdimTrajectory;
import dev.locus.engine.schedulers.DiffusersDdimTrajectory;
import dev.locus.worker.runtime.BadJobException;
import dev.locus.worker.runtime.BasisBytes;
import dev.locus.worker.runtime.JobExecution;
import dev.locus.worker.runtime.JobInputs;
import dev.locus.worker.runtime.ModelCache;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * A discovery job end to end: the engine finds the basis, storage keeps its tensors and preview
 * (content addressed), the registry records the version with its provenance. A redelivered job
 * whose version is already registered returns that version without computing anything. The engine's
 * exceptions say what went wrong (bad input, a numerical fault, a defect); the job runner turns them into
 * the job's outcome.
 */
@Service
public class Discovery {

    private final ModelCache models;
    private final JobInputs inputs;
    private final BlobStore blobs;
    private final DirectionRegistry registry;
    private final PreviewStrip previews;
    private final DirectionWorkerProperties properties;
    private final JsonMapper json;

    public Discovery(ModelCache models, JobInputs inputs, BlobStore blobs, DirectionRegistry registry,
                     PreviewStrip previews, DirectionWorkerProperties properties, JsonMapper json) {
        this.models = models;
        this.inputs = inputs;
        this.blobs = blobs;
        this.registry = registry;
        this.previews = previews;
        this.properties = properties;
        this.json = json;
    }

    public DiscoveryResult run(DiscoveryJob job, JobExecution execution) {
        Optional<DirectionVersion> registered = registry.forJob(job.jobId());
        if (registered.isPresent()) {
            return result(registered.get());
        }
        try (PointerScope scope = new PointerScope()) {
            UNet2DLoader.Loaded model = models.get(job.modelId(), job.modelFingerprint());
            Tensor image = inputs.image(job.imageId(), model);
            DdimTrajectory trajectory = new DiffusersDdimTrajectory(model.scheduler(), job.steps(), 0);

            long start = System.nanoTime();
            DirectionBasis basis = discover(job, model, trajectory, image, execution);
            long discovered = System.nanoTime();

            execution.phase("storing");
            byte[] basisBytes = BasisBytes.write(basis);
            String basisSha = Sha256.hex(basisBytes);
            blobs.put(DirectionVersion.basisKey(basisSha), basisBytes, "application/octet-stream");

            double strength = basis.space() == DirectionSpace.H ? properties.previewStrengthH() : properties.previewStrengthXt();
            byte[] preview = previews.render(model, trajectory, image, basis, strength, execution);
            String previewSha = Sha256.hex(preview);
            blobs.put(DirectionVersion.previewKey(previewSha), preview, "image/png");
            long finished = System.nanoTime();

            Map<String, Object> timings = new LinkedHashMap<>();
            timings.put("discovery_ms", (discovered - start) / 1_000_000);
            timings.put("preview_ms", (finished - discovered) / 1_000_000);
            execution.phase("registering");
            return result(registry.register(new DirectionVersion.Draft(job.name(), job.jobId(), job.modelId(),
                    model.fingerprint(), basis.method(), json.writeValueAsString(basis.parameters()),
                    job.params().tEdit(), basis.schedule(), basis.maskHash(), job.imageId(), job.seed(), LocusVersion.current(),
                    basisSha, basisBytes.length, previewSha, strength,
                    json.writeValueAsString(TensorArrays.toFloats(basis.singularValues())),
                    json.writeValueAsString(basis.labels()), json.writeValueAsString(timings), job.description(),
                    new LinkedHashSet<>(job.tags() == null ? List.of() : job.tags()))));
        }
    }

    private DirectionBasis discover(DiscoveryJob job, UNet2DLoader.Loaded model, DdimTrajectory trajectory, Tensor image,
                                    JobExecution execution) {
        if (job.params() instanceof DiscoveryJob.LocoParams loco) {
            if (loco.maskImageId() == null) {
                throw new BadJobException("INVALID_INPUT", "LOCO needs a mask");
            }
            Tensor mask = inputs.mask(loco.maskImageId(), model);
            return new Loco(model.model(), trajectory, model.fingerprint())
                    .discover(image, mask, MethodOptions.loco(loco, job.seed()), execution);
        }
        DiscoveryJob.JiveParams jive = (DiscoveryJob.JiveParams) job.params(); // the only other kind
        if (jive.regions() == null || jive.regions().isEmpty()) {
            throw new BadJobException("INVALID_INPUT", "JIVE needs at least one region");
        }
        List<HSpaceDirections.Region> regions = new ArrayList<>();
        for (DiscoveryJob.Region region : jive.regions()) {
            regions.add(new HSpaceDirections.Region(region.name(), inputs.mask(region.maskImageId(), model)));
        }
        return new HSpaceDirections(model.model(), trajectory, model.fingerprint())
                .discover(image, regions, MethodOptions.hSpace(jive, job.seed()), execution);
    }

    private DiscoveryResult result(DirectionVersion version) {
        return new DiscoveryResult(version.getId(), version.ref(), version.getName(), version.getVersion(),
                List.of(json.readValue(version.getSingularValues(), Double[].class)),
                List.of(json.readValue(version.getLabels(), String[].class)));
    }
}
