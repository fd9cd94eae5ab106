package io.taleforge.cli;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import io.taleforge.cli.batch.BatchCommand;
import picocli.CommandLine.Command;

/** {@code taleforge <command>}: the commands of the command line (run by the {@code ./taleforge} script). */
@TopCommand
@Command(name = "taleforge", mixinStandardHelpOptions = true, subcommands = BatchCommand.class,
        description = "Taleforge from the command line, through the gateway's public API.")
public class TaleforgeCommand {
}
