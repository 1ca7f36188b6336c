package dev.locus.synthfaces.cli;

import dev.locus.engine.torch.NativeLibraries;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Entry point: {@code java -jar synthfaces.jar render|grid|schema|train ...}. */
@Command(name = "synthfaces",
        mixinStandardHelpOptions = true,
        version = "synthfaces 0.1.0",
        description = "Procedural faces with ground-truth factors and region masks.",
        subcommands = {RenderCommand.class, GridCommand.class, SchemaCommand.class, TrainCommand.class,
                ProbeCommand.class, dev.locus.synthfaces.probe.cli.ProbeTrainCommand.class,
                dev.locus.synthfaces.probe.cli.ProbeEvalCommand.class, ModelCardCommand.class, BenchEditsCommand.class,
                CommandLine.HelpCommand.class})
public final class SynthFacesCli implements Runnable {

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        NativeLibraries.extract();
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, also used by tests. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new SynthFacesCli());
        cli.setParameterExceptionHandler(OneLineErrors::onBadArguments);
        cli.setExecutionExceptionHandler(OneLineErrors::onFailure);
        return cli;
    }

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: render, grid, schema, train, probe, probe-train, probe-eval, model-card or bench-edits");
    }
}
