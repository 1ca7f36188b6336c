package dev.locus.synthfaces.probe.cli;

import dev.locus.synthfaces.probe.EvaluationReport;
import dev.locus.synthfaces.probe.FactorProbe;
import dev.locus.synthfaces.probe.PlausibilityCheck;
import dev.locus.synthfaces.probe.ProbeEvaluation;
import dev.locus.synthfaces.probe.ProbeFile;
import dev.locus.synthfaces.probe.Seeds;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.bytedeco.pytorch.global.torch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "probe-eval", mixinStandardHelpOptions = true,
        description = {"Score the factor probe on held-out generated faces (seeds from 1000000000 up, never "
                + "used in training): accuracy per binary and categorical factor, mean absolute error and R^2 "
                + "per continuous one, then the plausibility pass rates on faces, noise, blurred and shuffled "
                + "faces."})
public final class ProbeEvalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--count", defaultValue = "2000", paramLabel = "N", description = "Held-out faces (${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--weights", defaultValue = "models/synthfaces-probe/probe.safetensors", paramLabel = "FILE",
            description = "Probe weights (${DEFAULT-VALUE}).")
    Path weights;

    @Option(names = "--first-seed", defaultValue = "" + Seeds.EVALUATION, paramLabel = "S",
            description = "First held-out seed (${DEFAULT-VALUE}).")
    long firstSeed;

    @Option(names = "--no-plausibility", description = "Skip the plausibility table.")
    boolean noPlausibility;

    @Option(names = "--threads", defaultValue = "2", paramLabel = "N", description = "libtorch threads (${DEFAULT-VALUE}).")
    int threads;

    @Override
    public Integer call() {
        if (count < 1 || count > 100_000) {
            throw new ParameterException(spec.commandLine(), "--count " + count + " is outside [1, 100000]");
        }
        if (firstSeed < Seeds.EVALUATION) {
            throw new ParameterException(spec.commandLine(), "--first-seed " + firstSeed
                    + " is among the training seeds; held-out seeds start at " + Seeds.EVALUATION);
        }
        torch.set_num_threads(Math.max(1, threads));
        FactorProbe probe = ProbeFile.load(weights);
        PrintWriter out = spec.commandLine().getOut();
        EvaluationReport report = ProbeEvaluation.evaluate(probe, firstSeed, count);
        out.println(report.table());
        if (!noPlausibility) {
            out.println(PlausibilityCheck.table(PlausibilityCheck.run(probe, count), probe.plausibility()));
        }
        out.flush();
        return 0;
    }
}
