package dev.locus.engine.cli;

import picocli.CommandLine.IVersionProvider;

/** Version from the jar manifest (Maven writes it), "dev" when run from classes. */
final class Version implements IVersionProvider {

    static String current() {
        String version = Version.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"locus-engine " + current()};
    }
}
