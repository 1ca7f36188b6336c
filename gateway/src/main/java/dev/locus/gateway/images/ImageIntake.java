package dev.locus.gateway.images;

import dev.locus.gateway.problems.ApiProblem;
import dev.locus.gateway.problems.Reasons;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.springframework.http.HttpStatus;

/**
 * Checks an upload before anything is stored: size in bytes, format by magic bytes, pixel count
 * from the header (before decoding, so a small file cannot expand into a huge bitmap), then a full
 * decode; optionally center-crops and scales it to a model's square resolution (stored as PNG).
 */
public class ImageIntake {

    /** An accepted image: the bytes to store (the upload itself unless resized) and what they are. */
    public record Accepted(byte[] bytes, ImageFormat format, int width, int height, boolean resized) {}

    private final long maxBytes;
    private final long maxPixels;
    private final int maxSide;

    public ImageIntake(long maxBytes, long maxPixels, int maxSide) {
        this.maxBytes = maxBytes;
        this.maxPixels = maxPixels;
        this.maxSide = maxSide;
    }

    /** @param size the model's resolution to resize to, or null to keep the image as uploaded */
    public Accepted accept(byte[] bytes, Integer size) {
        if (bytes == null || bytes.length == 0) {
            throw ApiProblem.invalid("file", Reasons.REQUIRED, "the file is empty");
        }
        if (bytes.length > maxBytes) {
            throw new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, "Upload too large", "the file has " + bytes.length
                    + " bytes; at most " + maxBytes + " are accepted", "file", Reasons.TOO_LARGE);
        }
        ImageFormat format = ImageFormat.sniff(bytes).orElseThrow(() -> new ApiProblem(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported image format",
                "the file is neither PNG nor JPEG (judged by its first bytes)", "file", Reasons.UNSUPPORTED_FORMAT));
        if (format == ImageFormat.PNG) {
            PngChunks.problem(bytes).ifPresent(problem -> {
                throw ApiProblem.invalid("file", Reasons.MALFORMED, "the PNG file is not valid: " + problem);
            });
        }
        BufferedImage image = decode(bytes, format);
        if (size == null || (image.getWidth() == size && image.getHeight() == size)) {
            return new Accepted(bytes, format, image.getWidth(), image.getHeight(), false);
        }
        BufferedImage resized = resize(image, size);
        return new Accepted(png(resized), ImageFormat.PNG, size, size, true);
    }

    private BufferedImage decode(byte[] bytes, ImageFormat format) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.imageIoName());
            if (!readers.hasNext()) {
                throw new IllegalStateException("no ImageIO reader for " + format);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long width = reader.getWidth(0);
                long height = reader.getHeight(0);
                if (width > maxSide || height > maxSide) {
                    throw new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "Image too large", "the image is " + width
                            + "x" + height + " pixels; each side may have at most " + maxSide, "file", Reasons.TOO_LARGE);
                }
                if (width * height > maxPixels) {
                    throw new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, "Image too large", "the image is " + width + "x"
                            + height + " = " + width * height + " pixels; at most " + maxPixels + " are accepted",
                            "file", Reasons.TOO_LARGE);
                }
                BufferedImage image = reader.read(0);
                if (image == null || image.getWidth() < 1 || image.getHeight() < 1) {
                    throw new IOException("no image data");
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ApiProblem problem) {
                throw problem;
            }
            throw ApiProblem.invalid("file", Reasons.MALFORMED, "the " + format + " file cannot be decoded: "
                    + e.getMessage());
        }
    }

    /** Center-crop to a square, then scale to {@code size} x {@code size}. */
    static BufferedImage resize(BufferedImage image, int size) {
        int side = Math.min(image.getWidth(), image.getHeight());
        int x = (image.getWidth() - side) / 2;
        int y = (image.getHeight() - side) / 2;
        boolean gray = image.getColorModel().getNumColorComponents() == 1;
        BufferedImage out = new BufferedImage(size, size, gray ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(image, 0, 0, size, size, x, y, x + side, y + side, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    static byte[] png(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode PNG", e);
        }
    }
}
