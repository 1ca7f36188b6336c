package dev.locus.worker.runtime;

import dev.locus.common.registry.StoredImage;
import dev.locus.common.storage.BlobStore;
import dev.locus.common.storage.ObjectNotFoundException;
import dev.locus.engine.InvalidInputException;
import dev.locus.engine.io.Images;
import dev.locus.engine.models.unet2d.UNet2DLoader;
import org.bytedeco.pytorch.Tensor;
import org.springframework.stereotype.Component;

/** Uploaded images and masks, fetched from storage as tensors sized and placed for a model. */
@Component
public class JobInputs {

    private final BlobStore blobs;

    public JobInputs(BlobStore blobs) {
        this.blobs = blobs;
    }

    /** [1, 3, H, W] in [-1, 1] on the model's device. */
    public Tensor image(String imageId, UNet2DLoader.Loaded model) {
        Tensor image;
        try {
            image = Images.decodeRgb(bytes(imageId, "image"), "image " + imageId);
        } catch (InvalidInputException e) {
            throw new BadJobException("INVALID_IMAGE", e.getMessage(), e);
        }
        long[] shape = model.model().sampleShape();
        if (image.size(2) != shape[1] || image.size(3) != shape[2]) {
            throw new BadJobException("IMAGE_SIZE", "image " + imageId + " is " + image.size(3) + "x" + image.size(2)
                    + " pixels; model needs " + shape[2] + "x" + shape[1]);
        }
        return image.to(model.device().device(), model.device().dtype());
    }

    /** [1, 1, H, W], 1 inside the region, on the model's device. */
    public Tensor mask(String maskId, UNet2DLoader.Loaded model) {
        long[] shape = model.model().sampleShape();
        try {
            return Images.decodeMask(bytes(maskId, "mask"), "mask " + maskId, (int) shape[1], (int) shape[2])
                    .to(model.device().device(), model.device().dtype());
        } catch (InvalidInputException e) {
            throw new BadJobException("INVALID_MASK", e.getMessage(), e);
        }
    }

    private byte[] bytes(String imageId, String what) {
        try {
            return blobs.get(StoredImage.storageKey(imageId));
        } catch (ObjectNotFoundException e) {
            throw new BadJobException("MISSING_" + what.toUpperCase(java.util.Locale.ROOT),
                    what + " " + imageId + " is not in storage", e);
        }
    }
}
