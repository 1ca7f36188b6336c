package dev.locus.engine.cli;

import picocli.CommandLine.Command;

@Command(name = "discover", mixinStandardHelpOptions = true,
        description = "Find edit directions on one image and save them as a basis (safetensors with JSON provenance).",
        subcommands = {DiscoverLocoCommand.class, DiscoverJiveCommand.class})
final class DiscoverCommand {}
