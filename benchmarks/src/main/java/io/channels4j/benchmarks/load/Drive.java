package io.channels4j.benchmarks.load;

/** How the load runner drives a {@link Contender} at a given concurrency. */
public enum Drive {
  /** {@code concurrency} threads, each calling {@link Contender#send()} in a loop. */
  BLOCKING,
  /** One thread keeping {@code concurrency} {@link Contender#sendAsync()} calls in flight. */
  ASYNC,
  /** Not run at this concurrency. */
  SKIP
}
