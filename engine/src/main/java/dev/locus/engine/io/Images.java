package dev.locus.engine.io;

import dev.locus.engine.InvalidInputException;
import dev.locus.engine.api.images.ImagePixels;
import dev.locus.engine.api.images.MaskPixels;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.bytedeco.pytorch.Tensor;

/**
 * Images to and from tensors in the diffusers convention: float32, NCHW, RGB, values in [-1, 1].
 * Reads whatever javax.imageio reads (PNG, JPEG, BMP, GIF); writes PNG.
 */
public final class Images {

    private Images() {
    }

    /** The image as float32 [1, 3, H, W] in [-1, 1]; alpha is ignored. */
    public static Tensor readRgb(Path path) {
        return toRgbTensor(read(path));
    }

    /** {@link #readRgb(Path)} for encoded bytes (PNG, JPEG, ...) from a store or a request. */
    public static Tensor decodeRgb(byte[] encoded, String name) {
        return toRgbTensor(decode(encoded, name));
    }

    private static Tensor toRgbTensor(BufferedImage image) {
        float[] values = ImagePixels.toSigned(ImagePixels.rgbPlanes(image));
        return TensorArrays.fromFloats(values, 1, 3, image.getHeight(), image.getWidth());
    }

    /** Writes [3, H, W] or [1, 3, H, W] values in [-1, 1] (clamped) as an 8-bit RGB PNG. */
    public static void writeRgb(Tensor image, Path png) {
        long[] shape = image.shape();
        boolean single = shape.length == 3 && shape[0] == 3 || shape.length == 4 && shape[0] == 1 && shape[1] == 3;
        if (!single) {
            throw new InvalidInputException("expected an image of shape [3, H, W] or [1, 3, H, W], got "
                    + Arrays.toString(shape));
        }
        writeGrid(List.of(image), 1, 0, png);
    }

    /**
     * A float32 [1, 1, H, W] mask: 1 inside the region ({@link MaskPixels}: luminance above 127), else 0.
     * The image must be exactly {@code height} x {@code width}, since a resized mask would no longer mark the
     * same pixels.
     */
    public static Tensor readMask(Path png, int height, int width) {
        return toMask(read(png), png.toString(), height, width);
    }

    /** {@link #readMask(Path, int, int)} for encoded bytes. */
    public static Tensor decodeMask(byte[] encoded, String name, int height, int width) {
        return toMask(decode(encoded, name), name, height, width);
    }

    private static Tensor toMask(BufferedImage image, String name, int height, int width) {
        if (image.getHeight() != height || image.getWidth() != width) {
            throw new InvalidInputException(name + ": mask is " + image.getHeight() + "x" + image.getWidth()
                    + " (HxW) but " + height + "x" + width + " is needed");
        }
        boolean[] inside = MaskPixels.inside(image);
        float[] mask = new float[height * width];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = inside[i] ? 1f : 0f;
        }
        return TensorArrays.fromFloats(mask, 1, 1, height, width);
    }

    /**
     * Tiles images into one PNG, row by row, {@code columns} per row (fewer if there are fewer
     * images), with {@code padding} black pixels around and between them, as torchvision's
     * make_grid does.
     *
     * @param images each [3, H, W] or [B, 3, H, W] (taken in batch order), all of the same H and W
     */
    public static void writeGrid(List<Tensor> images, int columns, int padding, Path png) {
        write(grid(images, columns, padding), png);
    }

    /** {@link #writeGrid} into PNG bytes, for object storage. */
    public static byte[] encodeGrid(List<Tensor> images, int columns, int padding) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            if (!ImageIO.write(grid(images, columns, padding), "png", out)) {
                throw new IllegalStateException("this JVM has no PNG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode PNG", e);
        }
        return out.toByteArray();
    }

    private static BufferedImage grid(List<Tensor> images, int columns, int padding) {
        if (columns < 1 || padding < 0) {
            throw new IllegalArgumentException("need columns >= 1 and padding >= 0, got " + columns + " and " + padding);
        }
        List<float[]> batches = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        long height = -1;
        long width = -1;
        for (Tensor image : images) {
            long[] shape = image.shape();
            boolean batched = shape.length == 4 && shape[1] == 3;
            if (!(shape.length == 3 && shape[0] == 3) && !batched) {
                throw new IllegalArgumentException("expected images of shape [3, H, W] or [B, 3, H, W], got "
                        + Arrays.toString(shape));
            }
            long h = shape[shape.length - 2];
            long w = shape[shape.length - 1];
            if (height >= 0 && (h != height || w != width)) {
                throw new IllegalArgumentException("images differ in size: " + height + "x" + width + " and " + h + "x" + w);
            }
            height = h;
            width = w;
            batches.add(TensorArrays.toFloats(image));
            counts.add(batched ? (int) shape[0] : 1);
        }
        int total = counts.stream().mapToInt(Integer::intValue).sum();
        if (total == 0) {
            throw new IllegalArgumentException("no images to write");
        }
        return layOut(batches, counts, total, Math.min(columns, total), padding, (int) height, (int) width);
    }

    private static BufferedImage layOut(List<float[]> batches, List<Integer> counts, int total, int columns,
            int padding, int height, int width) {
        int rows = (total + columns - 1) / columns;
        BufferedImage grid = new BufferedImage(columns * (width + padding) + padding,
                rows * (height + padding) + padding, BufferedImage.TYPE_INT_RGB);
        int index = 0;
        for (int b = 0; b < batches.size(); b++) {
            for (int k = 0; k < counts.get(b); k++, index++) {
                int x = padding + (index % columns) * (width + padding);
                int y = padding + (index / columns) * (height + padding);
                ImagePixels.draw(batches.get(b), k * 3 * height * width, height, width, grid, x, y);
            }
        }
        return grid;
    }

    private static BufferedImage read(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new InvalidInputException(path + ": no such file");
        }
        BufferedImage image;
        try {
            image = ImageIO.read(path.toFile());
        } catch (IOException e) {
            throw new InvalidInputException(path + ": cannot read image: " + e.getMessage(), e);
        }
        if (image == null) {
            throw new InvalidInputException(path + ": not an image in a format javax.imageio reads");
        }
        return image;
    }

    private static BufferedImage decode(byte[] encoded, String name) {
        BufferedImage image;
        try {
            image = ImageIO.read(new java.io.ByteArrayInputStream(encoded));
        } catch (IOException e) {
            throw new InvalidInputException(name + ": cannot read image: " + e.getMessage(), e);
        }
        if (image == null) {
            throw new InvalidInputException(name + ": not an image in a format javax.imageio reads");
        }
        return image;
    }

    private static void write(BufferedImage image, Path png) {
        try {
            if (!ImageIO.write(image, "png", png.toFile())) {
                throw new IllegalStateException("this JVM has no PNG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(png + ": cannot write image", e);
        }
    }
}
