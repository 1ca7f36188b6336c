package dev.locus.engine.cli;

import dev.locus.engine.torch.NativeLibraries;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar locus-engine.jar COMMAND}: the engine from the command line. */
@Command(name = "locus-engine", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Locus engine: diffusers-compatible diffusion models on libtorch.",
        subcommands = {InfoCommand.class, ForwardCommand.class, SampleCommand.class, InvertCommand.class,
                DenoiseCommand.class, DiscoverCommand.class, ApplyCommand.class, BenchCommand.class, BenchMethodsCommand.class, CommandLine.HelpCommand.class})
public final class LocusEngineCli {

    public static void main(String[] args) {
        NativeLibraries.extract();
        System.exit(run(args));
    }

    /** Runs a command; errors end as one line on stderr and a non-zero exit code. */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new LocusEngineCli());
        cli.setExecutionExceptionHandler((error, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + describe(error));
            return 1;
        });
        return cli.execute(args);
    }

    private static String describe(Throwable error) {
        Throwable cause = error;
        while (cause.getMessage() == null && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
