package io.channels4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** What every command shares: the streams, {@code --help} and {@code --json}. */
@Command(mixinStandardHelpOptions = true, versionProvider = VersionProvider.class)
abstract class BaseCommand implements Callable<Integer> {
  static final ObjectMapper JSON = jsonMapper();

  /** Set by the factory in {@link Cli}. */
  Io io;

  @Option(names = "--json", description = "Print the result as JSON, for scripts.")
  boolean json;

  private static ObjectMapper jsonMapper() {
    ObjectMapper mapper = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    mapper.getFactory().setCharacterEscapes(new TerminalSafeEscapes());
    return mapper;
  }

  /**
   * JSON escapes C0 characters already; this also escapes DEL, C1 and the characters that {@link
   * Terminal#escape} escapes, so that JSON printed on a terminal cannot drive it either.
   */
  private static final class TerminalSafeEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;

    private static final int[] ASCII = asciiEscapes();

    private static int[] asciiEscapes() {
      int[] escapes = CharacterEscapes.standardAsciiEscapesForJSON();
      escapes[0x7f] = CharacterEscapes.ESCAPE_STANDARD;
      return escapes;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ASCII.clone();
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      if ((ch >= 0x80 && ch <= 0x9f)
          || ch == 0x2028
          || ch == 0x2029
          || (ch >= 0x202a && ch <= 0x202e)
          || (ch >= 0x2066 && ch <= 0x2069)) {
        return new SerializedString(String.format("\\u%04x", ch));
      }
      return null;
    }
  }

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
