package io.channels4j.benchmarks;

import io.channels4j.benchmarks.load.BlockingTriggers;
import io.channels4j.benchmarks.load.JdkSinkMain;
import io.channels4j.benchmarks.load.LoadDriver;
import io.channels4j.benchmarks.load.LoadOptions;
import io.channels4j.benchmarks.report.ReportGenerator;
import java.util.Arrays;

/**
 * Entry point of the runnable benchmarks jar: {@code java -jar benchmarks.jar COMMAND [args]}.
 * {@code benchmarks/run.sh} runs all of them in order.
 */
public final class Launcher {
  private static final String USAGE =
      """
      usage: java -jar benchmarks.jar COMMAND [args]
        jmh [JMH args]   the JMH microbenchmarks (e.g. jmh -prof gc -rf json -rff jmh.json)
        verify [opts]    check every load contender's request, measure nothing
        report [opts]    write BENCHMARKS.md and the chart from a results directory
                           --results DIR (default results)  --markdown FILE (default BENCHMARKS.md)
                           --notes FILE (hand-written analysis to include after the targets)
        fanout [opts]    the bulk fan-out benchmark (--events N --rounds R --concurrency C
                           --heap-events N --heap-xmx SIZE --only a,b --jdk-sink)
        blocking [opts]  many concurrent blocking triggers, virtual vs platform threads (JDK 21+)
                           --concurrency N (1000) --platform-threads N (200) --requests N --rounds N
        jdk-sink [secs]  (internal) the fallback sink's child JVM
      """
          + LoadOptions.USAGE.indent(2);

  private Launcher() {}

  /**
   * Runs one command and exits with its status.
   *
   * @param args the command and its arguments
   * @throws Exception if the command fails
   */
  public static void main(String[] args) throws Exception {
    if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")) {
      System.out.print(USAGE);
      return;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    switch (args[0]) {
      case "jmh" -> org.openjdk.jmh.Main.main(rest);
      case "load" -> System.exit(LoadDriver.run(rest));
      case "verify" -> {
        String[] verify = Arrays.copyOf(rest, rest.length + 1);
        verify[rest.length] = "--verify-only";
        System.exit(LoadDriver.run(verify));
      }
      case "report" -> System.exit(ReportGenerator.run(rest));
      case "fanout" -> System.exit(io.channels4j.benchmarks.fanout.FanOutBench.run(rest));
      case "blocking" -> System.exit(BlockingTriggers.run(rest));
      case "jdk-sink" -> JdkSinkMain.main(rest);
      default -> {
        System.err.print("unknown command " + args[0] + "\n" + USAGE);
        System.exit(64);
      }
    }
  }
}
