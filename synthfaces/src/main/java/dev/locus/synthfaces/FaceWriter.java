package dev.locus.synthfaces;

import java.awt.image.RenderedImage;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Writes a face to files: the picture, its masks as {@code mask_<region>.png}, and its factors as JSON. */
public final class FaceWriter {
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private FaceWriter() {
    }

    public static void writePng(RenderedImage image, Path file) throws IOException {
        try {
            createParent(file);
            if (!ImageIO.write(image, "png", file.toFile())) {
                throw new IOException("no PNG writer available");
            }
        } catch (IOException e) {
            throw new IOException("cannot write " + file + ": " + reason(e), e);
        }
    }

    private static void createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }

    /** NIO's exceptions carry only a path as message; their class names say what went wrong. */
    private static String reason(IOException e) {
        if (e instanceof FileSystemException fs) {
            String what = switch (fs.getClass().getSimpleName()) {
                case "NoSuchFileException" -> "no such file or folder";
                case "AccessDeniedException" -> "permission denied";
                case "NotDirectoryException" -> "not a folder";
                case "FileAlreadyExistsException" -> "something else is in the way";
                default -> fs.getReason() != null ? fs.getReason() : fs.getClass().getSimpleName();
            };
            return what + ": " + fs.getFile();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /** One PNG per masked region in {@code dir}, white = inside. */
    public static void writeMasks(Face face, Path dir) throws IOException {
        for (Region r : Region.MASKED) {
            writePng(face.mask(r).toImage(), dir.resolve("mask_" + r.id() + ".png"));
        }
    }

    /**
     * Factors, caption and pose as JSON. Factors are keyed by {@link Factor#id()}: continuous ones as numbers,
     * binary ones as booleans, categorical ones as class names; {@code raw} lists {@link FactorCodec#raw}.
     *
     * @param seed the seed the face was drawn from, or null when the factors were set by hand
     */
    public static Map<String, Object> toJson(Face face, Long seed) {
        Map<String, Object> factors = new LinkedHashMap<>();
        for (Factor f : Factor.values()) {
            Object value = f.kind() == FactorKind.BINARY ? (Object) (f.get(face.factors()) == 1) : f.label(face.factors());
            factors.put(f.id(), value);
        }
        Map<String, Object> pose = new LinkedHashMap<>();
        pose.put("dx", face.pose().dx());
        pose.put("dy", face.pose().dy());
        pose.put("scale", face.pose().scale());
        Map<String, Object> root = new LinkedHashMap<>();
        if (seed != null) {
            root.put("seed", seed);
        }
        root.put("size", face.size());
        root.put("caption", face.caption());
        root.put("factors", factors);
        root.put("raw", FactorCodec.raw(face.factors()));
        root.put("pose", pose);
        return root;
    }

    public static void writeJson(Face face, Long seed, Path file) throws IOException {
        try {
            createParent(file);
            JSON.writeValue(file, toJson(face, seed));
        } catch (IOException e) {
            throw new IOException("cannot write " + file + ": " + reason(e), e);
        } catch (JacksonException e) {
            throw new IOException("cannot write " + file + ": "
                    + (e.getCause() instanceof IOException io ? reason(io) : e.getOriginalMessage()), e);
        }
    }

    /** The schema as JSON-ready data: per factor its id, kind, region, range or classes, and meaning. */
    public static String schemaJson() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Factor f : Factor.values()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", f.id());
            m.put("kind", f.kind().name());
            m.put("region", f.region().id());
            if (f.kind() == FactorKind.CONTINUOUS) {
                m.put("min", f.min());
                m.put("max", f.max());
            } else {
                m.put("classes", f.classes());
            }
            m.put("meaning", f.meaning());
            list.add(m);
        }
        return JSON.writeValueAsString(list);
    }
}
