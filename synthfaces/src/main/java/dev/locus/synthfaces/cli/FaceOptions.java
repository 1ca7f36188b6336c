package dev.locus.synthfaces.cli;

import dev.locus.synthfaces.FaceFactors;
import dev.locus.synthfaces.FaceGenerator;
import dev.locus.synthfaces.FaceRenderer;
import dev.locus.synthfaces.FaceSample;
import dev.locus.synthfaces.Pose;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Options shared by every command that draws faces: size, factor overrides and pose. */
final class FaceOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--size", defaultValue = "32", paramLabel = "PX",
            description = "Side of the square picture in pixels (${DEFAULT-VALUE}; 32 and 64 are the tuned sizes).")
    int size;

    @Option(names = "--set", paramLabel = "NAME=VALUE", converter = FactorSetting.Converter.class,
            description = "Override one factor after sampling, e.g. eye_openness=0, hair_colour=blonde, "
                    + "glasses=yes. Repeatable. 'synthfaces schema' lists names and values.")
    List<FactorSetting> settings = new ArrayList<>();

    @Option(names = "--no-jitter", description = "Centre every face at nominal size instead of the seed's jitter.")
    boolean noJitter;

    /** The size, checked; a bad one is a usage error, not a failure. */
    int size() {
        if (size < FaceRenderer.MIN_SIZE || size > FaceRenderer.MAX_SIZE) {
            throw new ParameterException(spec.commandLine(), "--size " + size + " is outside ["
                    + FaceRenderer.MIN_SIZE + ", " + FaceRenderer.MAX_SIZE + "]");
        }
        return size;
    }

    /** Seed's sample with the overrides and jitter option applied. */
    FaceSample sample(long seed) {
        FaceSample s = FaceGenerator.sample(seed);
        FaceFactors f = s.factors();
        for (FactorSetting setting : settings) {
            f = setting.applyTo(f);
        }
        return new FaceSample(seed, f, noJitter ? Pose.IDENTITY : s.pose());
    }
}
