package dev.locus.synthfaces.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Reports errors as a single line on stderr instead of a usage dump or stack trace: scripts that generate data
 * sets read the last line of a failure, and people need only the cause.
 */
final class OneLineErrors {
    static final int USAGE = 2;
    static final int FAILURE = 1;

    private OneLineErrors() {
    }

    static int onBadArguments(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("synthfaces: " + message(e) + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
        err.flush();
        return USAGE;
    }

    static int onFailure(Exception e, CommandLine cmd, ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        err.println("synthfaces: " + message(e));
        err.flush();
        return FAILURE;
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            m = e.getCause() != null && e.getCause().getMessage() != null
                    ? e.getCause().getMessage() : e.getClass().getSimpleName();
        }
        return m.replaceAll("\\s*\\R\\s*", " ").trim();
    }
}
