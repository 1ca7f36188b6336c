package dev.locus.synthfaces.cli;

import dev.locus.synthfaces.FaceWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "schema", mixinStandardHelpOptions = true,
        description = "Print the factor schema as JSON: name, kind, region, range or classes, meaning.")
final class SchemaCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().println(FaceWriter.schemaJson());
        return 0;
    }
}
