package io.channels4j.interop.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Reads the end of a process log, for error messages that show what went wrong. */
final class LogTail {

  private static final int MAX_BYTES = 64 * 1024;

  private LogTail() {}

  /**
   * The last lines of a text file, or a note saying why there are none.
   *
   * @param file the log file
   * @param maxLines how many lines at most
   * @return the lines joined with line feeds
   */
  static String of(Path file, int maxLines) {
    try {
      if (!Files.isRegularFile(file)) {
        return "(no log file " + file + ")";
      }
      byte[] bytes = Files.readAllBytes(file);
      int from = Math.max(0, bytes.length - MAX_BYTES);
      String text = new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8);
      List<String> lines = Arrays.asList(text.split("\r?\n"));
      List<String> tail = lines.subList(Math.max(0, lines.size() - maxLines), lines.size());
      return String.join("\n", tail);
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e + ")";
    }
  }
}
