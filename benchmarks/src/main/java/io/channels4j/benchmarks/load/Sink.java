package io.channels4j.benchmarks.load;

import java.util.List;

/** A fast local HTTP server that answers every request with 200 {@code {}}, on 127.0.0.1. */
public interface Sink extends AutoCloseable {

  /**
   * The loopback port it listens on.
   *
   * @return the TCP port
   */
  int port();

  /**
   * One line for the report.
   *
   * @return what the sink is and how it is configured
   */
  String description();

  /**
   * Whether this is the measurement sink. A fallback sink is only for smoke runs.
   *
   * @return true for nginx
   */
  boolean isMeasurementSink();

  /**
   * The processes whose CPU time counts as the sink's (not the client's).
   *
   * @return process ids, at the time of the call
   */
  List<Long> pids();

  /** Stops the sink's processes, by pid. */
  @Override
  void close();
}
