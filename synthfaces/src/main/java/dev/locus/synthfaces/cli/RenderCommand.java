package dev.locus.synthfaces.cli;

import dev.locus.synthfaces.Face;
import dev.locus.synthfaces.FaceRenderer;
import dev.locus.synthfaces.FaceSample;
import dev.locus.synthfaces.FaceWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "render", mixinStandardHelpOptions = true,
        description = {"Render one face: the picture, and optionally its region masks and factors.",
                "With --masks DIR, writes DIR/mask_<region>.png (white = inside) for eyes, eyebrows, mouth, "
                        + "hair, face and background, and DIR/factors.json."})
final class RenderCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--seed", required = true, paramLabel = "S", description = "Which face.")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "PNG to write.")
    Path out;

    @Option(names = "--masks", paramLabel = "DIR", description = "Folder for the masks and factors.json.")
    Path masks;

    @Option(names = "--json", paramLabel = "FILE",
            description = "Where to write the factors and caption (default: DIR/factors.json with --masks, "
                    + "else next to --out with a .json extension).")
    Path json;

    @Mixin
    FaceOptions face;

    @Override
    public Integer call() throws Exception {
        int size = face.size();
        FaceSample s = face.sample(seed);
        Face rendered = FaceRenderer.render(s.factors(), s.pose(), size);
        FaceWriter.writePng(rendered.image(), out);
        if (masks != null) {
            FaceWriter.writeMasks(rendered, masks);
        }
        Path jsonFile = json != null ? json : masks != null ? masks.resolve("factors.json") : siblingJson(out);
        FaceWriter.writeJson(rendered, seed, jsonFile);
        spec.commandLine().getOut().println(out + ": " + rendered.caption());
        return 0;
    }

    private static Path siblingJson(Path png) {
        String name = png.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return png.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".json");
    }
}
