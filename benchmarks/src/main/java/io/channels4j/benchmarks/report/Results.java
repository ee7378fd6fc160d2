package io.channels4j.benchmarks.report;

import io.channels4j.benchmarks.load.RunResult;
import java.util.List;
import java.util.Properties;

/**
 * The raw files of one benchmark run, read but not yet aggregated. A missing file reads as empty.
 *
 * @param machine {@code machine.properties}: the machine and the load runs' settings
 * @param jmhMachine {@code jmh-machine.properties}: load averages around the JMH run
 * @param jmh {@code jmh.json}, in file order
 * @param runs {@code load.csv}, in file order
 * @param verify {@code verify.csv}, in file order
 */
record Results(
    Properties machine,
    Properties jmhMachine,
    List<JmhRow> jmh,
    List<RunResult> runs,
    List<Verification> verify) {

  /**
   * One line of {@code verify.csv}: a contender's request checked before measuring. Counts are kept
   * as written, since the report only prints them.
   *
   * @param contender contender name
   * @param concurrency concurrency it was driven at
   * @param drive how it was driven ({@code BLOCKING}, {@code ASYNC})
   * @param valid whether every check passed
   * @param bodyBytes size of the request body
   * @param bodyIdentical whether the body is byte-identical to the reference
   * @param problems what failed, empty when valid
   */
  record Verification(
      String contender,
      String concurrency,
      String drive,
      boolean valid,
      String bodyBytes,
      boolean bodyIdentical,
      String problems) {}
}
