package dev.locus.gateway.images;

import dev.locus.common.registry.ModelRecordRepository;
import dev.locus.common.registry.StoredImage;
import dev.locus.common.registry.StoredImageRepository;
import dev.locus.common.storage.BlobStore;
import dev.locus.common.storage.Sha256;
import dev.locus.gateway.GatewayProperties;
import dev.locus.gateway.idempotency.IdempotencyStore;
import dev.locus.gateway.idempotency.IdempotentRequest;
import dev.locus.gateway.models.ServingModels;
import dev.locus.gateway.problems.ApiProblem;
import dev.locus.gateway.results.Links;
import java.time.Clock;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Uploads: checked by {@link ImageIntake}, stored in object storage under the sha256 of the bytes
 * (before the row, so a row always has its bytes), then registered. The same bytes twice are one image.
 */
@Service
public class ImagesService {

    /** The image and whether this request created its row. */
    public record Upload(ImageView image, boolean created) {}

    private final StoredImageRepository images;
    private final ModelRecordRepository models;
    private final IdempotencyStore keys;
    private final BlobStore blobs;
    private final ImageIntake intake;
    private final Links links;
    private final Clock clock;

    public ImagesService(StoredImageRepository images, ModelRecordRepository models, IdempotencyStore keys,
                         BlobStore blobs, GatewayProperties properties, Links links, Clock clock) {
        this.images = images;
        this.models = models;
        this.keys = keys;
        this.blobs = blobs;
        this.intake = new ImageIntake(properties.maxUploadBytes().toBytes(), properties.maxPixels(), properties.maxSide());
        this.links = links;
        this.clock = clock;
    }

    @Transactional
    public Upload upload(byte[] bytes, String model, boolean resize, IdempotentRequest idempotency) {
        if (idempotency != null) {
            var stored = keys.find(idempotency.scope(), idempotency.key());
            if (stored.isPresent()) {
                return new Upload(view(idempotency.replay(stored.get())), false);
            }
        }
        Integer size = null;
        if (model != null) {
            size = ServingModels.require(models.findById(model), model).getSampleSize();
        } else if (resize) {
            throw ApiProblem.invalid("resize", dev.locus.gateway.problems.Reasons.REQUIRED,
                    "resize=true needs model=<id> to know the resolution");
        }
        ImageIntake.Accepted accepted = intake.accept(bytes, resize ? size : null);
        String id = Sha256.hex(accepted.bytes());
        boolean created = false;
        if (!images.existsById(id)) {
            // the bytes first: a row must never name a missing object; a concurrent upload of the same bytes
            // writes the same object and then finds the row there
            blobs.put(StoredImage.storageKey(id), accepted.bytes(), accepted.format().contentType());
            created = images.insertIfAbsent(id, accepted.format().contentType(), accepted.width(), accepted.height(),
                    accepted.bytes().length, clock.instant()) == 1;
        }
        if (idempotency != null && !keys.claim(idempotency, id)) {
            return new Upload(view(idempotency.replay(keys.find(idempotency.scope(), idempotency.key()).orElseThrow())), false);
        }
        return new Upload(view(images.findById(id).orElseThrow(), accepted.resized()), created);
    }

    @Transactional(readOnly = true)
    public ImageView view(String id) {
        return view(find(id), false);
    }

    @Transactional(readOnly = true)
    public StoredImage find(String id) {
        return (id.length() == 64 ? images.findById(id) : java.util.Optional.<StoredImage>empty())
                .orElseThrow(() -> ApiProblem.notFound("id", "no image " + id));
    }

    public byte[] bytes(StoredImage image) {
        return blobs.get(StoredImage.storageKey(image.getId()));
    }

    private ImageView view(StoredImage image, boolean resized) {
        return new ImageView(image.getId(), image.getContentType(), image.getWidth(), image.getHeight(),
                image.getSizeBytes(), resized, links.image(image.getId()), image.getCreatedAt());
    }
}
