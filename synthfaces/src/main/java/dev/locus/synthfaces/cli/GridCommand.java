package dev.locus.synthfaces.cli;

import dev.locus.synthfaces.ContactSheet;
import dev.locus.synthfaces.FaceRenderer;
import dev.locus.synthfaces.FaceSample;
import dev.locus.synthfaces.FaceWriter;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "grid", mixinStandardHelpOptions = true,
        description = "Render many faces onto one contact sheet, row by row, each scaled up without smoothing.")
final class GridCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--seeds", required = true, paramLabel = "LIST",
            description = "Seeds, e.g. 0..63 or 1,5,10..12 (ranges inclusive).")
    String seedList;

    @Option(names = "--scale", defaultValue = "4", paramLabel = "N",
            description = "Integer upscaling of each face, nearest neighbour (${DEFAULT-VALUE}).")
    int scale;

    @Option(names = "--columns", paramLabel = "N", description = "Faces per row (default: a square-ish grid).")
    Integer columns;

    @Option(names = "--gap", defaultValue = "0", paramLabel = "PX", description = "White pixels between faces (${DEFAULT-VALUE}).")
    int gap;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "PNG to write.")
    Path out;

    @Mixin
    FaceOptions face;

    @Override
    public Integer call() throws Exception {
        int size = face.size();
        List<Long> seeds;
        try {
            seeds = SeedList.parse(seedList);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--seeds: " + e.getMessage());
        }
        if (scale < 1 || scale > 16) {
            throw new ParameterException(spec.commandLine(), "--scale " + scale + " is outside [1, 16]");
        }
        if (gap < 0 || gap > 64) {
            throw new ParameterException(spec.commandLine(), "--gap " + gap + " is outside [0, 64]");
        }
        int cols = columns != null ? columns : (int) Math.ceil(Math.sqrt(seeds.size()));
        if (cols < 1) {
            throw new ParameterException(spec.commandLine(), "--columns must be at least 1");
        }
        List<BufferedImage> tiles = new ArrayList<>();
        for (long seed : seeds) {
            FaceSample s = face.sample(seed);
            tiles.add(FaceRenderer.render(s.factors(), s.pose(), size).image());
        }
        BufferedImage sheet = ContactSheet.build(tiles, cols, scale, gap);
        FaceWriter.writePng(sheet, out);
        spec.commandLine().getOut().println(out + ": " + seeds.size() + " faces, " + sheet.getWidth() + "x" + sheet.getHeight());
        return 0;
    }
}
