package io.channels4j.testkit.junit;

/** How long one {@link io.channels4j.testkit.PusherTestServer} lives in a test class. */
public enum ServerLifecycle {
  /**
   * One server for all tests of the class (and its {@code @Nested} classes), reset after each test:
   * fast, and tests still start from nothing.
   */
  PER_CLASS,

  /** A fresh server, on a fresh port, for each test. */
  PER_TEST
}
