package io.channels4j.benchmarks.load;

/** What a {@link Contender} stands for in the comparison; the report groups and compares by it. */
public enum Family {
  /** The limit: pre-signed request bytes on a raw socket; no HTTP library, no JSON, no signing. */
  LIMIT,
  /** A plain JDK HTTP client sending the same pre-signed request; no JSON, no signing. */
  JDK,
  /** The official library, com.pusher:pusher-http-java. */
  OFFICIAL,
  /** channels4j. */
  CHANNELS4J
}
