package io.channels4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** What every command shares: the streams, {@code --help} and {@code --json}. */
@Command(mixinStandardHelpOptions = true, versionProvider = VersionProvider.class)
abstract class BaseCommand implements Callable<Integer> {
  static final ObjectMapper JSON =
      new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  /** Set by the factory in {@link Cli}. */
  Io io;

  @Option(names = "--json", description = "Print the result as JSON, for scripts.")
  boolean json;

  /** Prints a value as one line of JSON. */
  void printJson(Object value) {
    try {
      io.out().println(JSON.writeValueAsString(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    io.out().flush();
  }

  void println(String line) {
    io.out().println(line);
    io.out().flush();
  }
}
