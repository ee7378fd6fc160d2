package io.channels4j.benchmarks.load;

import io.channels4j.benchmarks.TriggerCheck;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Before anything is measured: captures one request from each contender, in each way it will be
 * driven, and checks it with {@link TriggerCheck} (same event, valid signature, body_md5 matching
 * the body, exactly one request sent). Libraries that order the JSON fields differently pass with a
 * semantically equal body, and the report says so.
 */
public final class Verifier {
  private static final long TIMEOUT_MILLIS = 10_000;

  private Verifier() {}

  /**
   * The check of one contender in one drive.
   *
   * @param contender contender name
   * @param concurrency the concurrency it was set up for
   * @param drive how the request was sent
   * @param bodyBytes the captured body's length
   * @param bodyIdentical whether the body is byte-identical to the reference
   * @param problems what is wrong; empty when valid
   */
  public record Result(
      String contender,
      int concurrency,
      Drive drive,
      int bodyBytes,
      boolean bodyIdentical,
      List<String> problems) {
    /**
     * Copies the problem list.
     *
     * @param contender contender name
     * @param concurrency the concurrency it was set up for
     * @param drive how the request was sent
     * @param bodyBytes the captured body's length
     * @param bodyIdentical whether the body is byte-identical to the reference
     * @param problems what is wrong; empty when valid
     */
    public Result {
      problems = List.copyOf(problems);
    }

    /**
     * Whether the contender sent a valid request.
     *
     * @return true when there are no problems
     */
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  /**
   * Verifies every contender at every concurrency it runs at.
   *
   * @param contenders the contenders
   * @param concurrencies the concurrencies of the run
   * @return one result per (contender, concurrency)
   * @throws Exception if the capture server cannot start
   */
  public static List<Result> verify(List<Contender> contenders, List<Integer> concurrencies)
      throws Exception {
    List<Result> results = new ArrayList<>();
    try (CaptureServer server = new CaptureServer()) {
      Target target = Target.loopback(server.port());
      for (Contender contender : contenders) {
        for (int concurrency : concurrencies) {
          Drive drive = contender.drive(concurrency);
          if (drive != Drive.SKIP) {
            results.add(verifyOne(server, target, contender, concurrency, drive));
          }
        }
      }
    }
    return results;
  }

  private static Result verifyOne(
      CaptureServer server, Target target, Contender contender, int concurrency, Drive drive)
      throws InterruptedException {
    server.clear();
    List<String> problems = new ArrayList<>();
    CaptureServer.Captured captured = null;
    try {
      contender.setUp(target, concurrency);
      try {
        if (drive == Drive.BLOCKING) {
          contender.send();
        } else {
          contender.sendAsync().get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        }
        captured = server.take(TIMEOUT_MILLIS);
        if (server.take(200) != null) {
          problems.add("sent more than one request for one trigger");
        }
      } finally {
        contender.close();
      }
    } catch (Exception e) {
      problems.add("send failed: " + e);
    }
    if (captured == null) {
      if (problems.isEmpty()) {
        problems.add("no request received");
      }
      return new Result(contender.name(), concurrency, drive, 0, false, problems);
    }
    TriggerCheck.Outcome outcome =
        TriggerCheck.check(
            captured.method(),
            captured.rawPath(),
            captured.rawQuery(),
            captured.contentType(),
            captured.body(),
            Instant.now().getEpochSecond());
    problems.addAll(outcome.problems());
    if (!outcome.ok()) {
      problems.add("body was: " + new String(captured.body(), StandardCharsets.UTF_8));
    }
    return new Result(
        contender.name(),
        concurrency,
        drive,
        captured.body().length,
        outcome.bodyIdentical(),
        problems);
  }
}
