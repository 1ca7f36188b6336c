package dev.locus.engine.cli;

import dev.locus.engine.io.Images;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.pytorch.Tensor;

/** Reads an image for a model and checks that its size fits. */
final class ImageInput {

    private ImageInput() {}

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
