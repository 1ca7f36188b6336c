package dev.locus.engine.cli;

import dev.locus.engine.io.Images;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.pytorch.Tensor;

/** Reads an image for a model and checks that its size fits. */
final class ImageInput {

    private ImageInput() {}

    /** The image on the model's device and in its dtype. */
    static Tensor read(Path path, dev.locus.engine.models.unet2d.UNet2DLoader.Loaded loaded) {
        return read(path, loaded.model().sampleShape()).to(loaded.device().device(), loaded.device().dtype());
    }

    /** Checks a --t option: a noise level as a fraction of the training timesteps. */
    static double timestepFraction(double t) {
        if (!(t > 0 && t <= 1)) {
            throw new IllegalArgumentException("--t must be in (0, 1], got " + t);
        }
        return t;
    }

    static Tensor read(Path path, long[] sampleShape) {
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("image " + path + " does not exist");
        }
        Tensor image = Images.readRgb(path);
        if (image.size(2) != sampleShape[1] || image.size(3) != sampleShape[2]) {
            throw new IllegalArgumentException("image " + path + " is " + image.size(3) + "x" + image.size(2)
                    + " pixels, the model expects " + sampleShape[2] + "x" + sampleShape[1]);
        }
        return image;
    }
}
