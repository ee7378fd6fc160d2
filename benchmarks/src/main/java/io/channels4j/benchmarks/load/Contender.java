package io.channels4j.benchmarks.load;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * One client under test in the load driver: the raw-socket limit, a plain JDK client, the official
 * library, or a channels4j transport.
 *
 * <p>Each call sends the benchmark's reference trigger ({@link
 * io.channels4j.benchmarks.BenchInputs#TRIGGER_BODY} to channel {@code bench-channel}, signed with
 * the target's credentials) and succeeds only when the whole response was read and its status is
 * 200. A library contender builds and signs every request itself, as an application would; only the
 * baseline contenders (raw socket, plain JDK clients) send one request pre-signed in {@link
 * #setUp}. Before anything is measured, the verifier captures one request from each contender and
 * checks its body and signature.
 *
 * <p>Life cycle, repeated once per measured run: {@link #setUp} (not measured), then {@link #send}
 * from {@code concurrency} threads at once when {@link #drive} says {@link Drive#BLOCKING}, or
 * {@link #sendAsync} with up to {@code concurrency} requests in flight when it says {@link
 * Drive#ASYNC}, then {@link #close}. The same instance is set up again for the next run.
 *
 * <p>For measurement every contender runs in a worker JVM of its own ({@link ContenderWorker}),
 * which finds it by {@link #name()} in {@link Contenders#all()}; the verifier runs it in the
 * driver's JVM. To add a contender, implement this interface and list an instance there.
 */
public interface Contender {

  /**
   * A short, stable identifier used in result files and the report, e.g. {@code raw-socket}.
   *
   * @return lowercase words joined by '-'
   */
  String name();

  /**
   * One line for the report: the library, its version, the transport and how it is configured.
   *
   * @return a human-readable description
   */
  String description();

  /**
   * What the contender stands for in the comparison.
   *
   * @return its family
   */
  Family family();

  /**
   * How the runner drives this contender at a concurrency.
   *
   * @param concurrency requests in flight at once (1 or 32 in the standard run)
   * @return {@link Drive#BLOCKING}, {@link Drive#ASYNC}, or {@link Drive#SKIP} to leave it out
   */
  Drive drive(int concurrency);

  /**
   * Prepares a run: creates clients, connection pools, pre-signed requests. Connections may be
   * opened here or lazily; the runner warms up before it measures.
   *
   * @param target where to send and with which credentials
   * @param concurrency how many requests will be in flight at once
   * @throws Exception if the contender cannot be set up; the run fails
   */
  void setUp(Target target, int concurrency) throws Exception;

  /**
   * Sends one trigger and blocks until its response has been read. Called from {@code concurrency}
   * threads at once; must be thread-safe.
   *
   * @throws Exception on an I/O error or a status other than 200
   */
  default void send() throws Exception {
    throw new UnsupportedOperationException(name() + " has no blocking send");
  }

  /**
   * Starts one trigger. Up to {@code concurrency} may be in flight at once, from one calling
   * thread.
   *
   * @return a future that completes once the response has been read, exceptionally on an I/O error
   *     or a status other than 200
   */
  default CompletableFuture<?> sendAsync() {
    return CompletableFuture.failedFuture(
        new UnsupportedOperationException(name() + " has no asynchronous send"));
  }

  /**
   * Ends a run: closes connections and stops the threads the contender started.
   *
   * @throws IOException if closing fails; the runner reports it and goes on
   */
  void close() throws IOException;
}
