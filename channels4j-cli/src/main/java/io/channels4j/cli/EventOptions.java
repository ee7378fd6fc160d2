package io.channels4j.cli;

import picocli.CommandLine.Option;

/**
 * The event that {@code trigger} and {@code send-to-user} send: {@code -e NAME} and {@code -d
 * DATA}.
 */
final class EventOptions {
  @Option(
      names = {"-e", "--event"},
      required = true,
      paramLabel = "NAME",
      description = "The event name.")
  String name;

  @Option(
      names = {"-d", "--data"},
      paramLabel = "DATA",
      defaultValue = "{}",
      description = "The data, sent as is; @FILE reads a file, - reads stdin (default: {}).")
  String data;

  /** The data to send: the text given, or what {@code @FILE} or {@code -} reads. */
  String payload(Io io) {
    return Render.data(data, io);
  }
}
