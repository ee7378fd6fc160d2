package io.channels4j.benchmarks.load;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Entry point of a worker JVM: hosts one contender for the whole load run, so its JIT compilation,
 * profiles and garbage stay its own (as JMH forks do), and its process CPU time is the contender's
 * alone. The {@link LoadDriver} sends it one command per line on standard input:
 *
 * <pre>
 * run ROUND CONCURRENCY PORT WARMUP_MS WARMUP_MAX_MS MEASURE_MS SINK_PIDS
 * exit
 * </pre>
 *
 * and reads {@code @@result CSV} (a {@link RunResult}) or {@code @@error MESSAGE} back. Other
 * output lines are ignored. The worker exits on {@code exit}, at the end of its input, or after its
 * maximum lifetime, whatever comes first.
 */
public final class ContenderWorker {
  static final String RESULT = "@@result ";
  static final String ERROR = "@@error ";

  private ContenderWorker() {}

  /**
   * Runs the worker.
   *
   * @param args {@code CONTENDER_NAME MAX_LIFETIME_SECONDS}
   * @throws Exception if standard input cannot be read
   */
  public static void main(String[] args) throws Exception {
    PrintStream out = System.out;
    // Libraries must not write on the protocol stream.
    System.setOut(System.err);
    Contender contender = find(args[0]);
    long maxLifetimeSeconds = Long.parseLong(args[1]);
    Thread guard =
        new Thread(
            () -> {
              try {
                Thread.sleep(maxLifetimeSeconds * 1000);
                System.err.println("worker " + args[0] + ": maximum lifetime reached, exiting");
                Runtime.getRuntime().halt(3);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "worker-lifetime");
    guard.setDaemon(true);
    guard.start();

    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      String[] f = line.trim().split(" ");
      if (f[0].equals("exit")) {
        break;
      }
      if (!f[0].equals("run") || f.length != 8) {
        out.println(ERROR + "bad command: " + line);
        out.flush();
        continue;
      }
      try {
        List<Long> sinkPids = new ArrayList<>();
        for (String pid : f[7].split(",")) {
          if (!pid.isEmpty() && !pid.equals("-")) {
            sinkPids.add(Long.parseLong(pid));
          }
        }
        System.gc(); // start each run without the previous run's garbage
        RunResult r =
            LoadRunner.run(
                Integer.parseInt(f[1]),
                contender,
                Integer.parseInt(f[2]),
                Target.loopback(Integer.parseInt(f[3])),
                sinkPids,
                Duration.ofMillis(Long.parseLong(f[4])),
                Duration.ofMillis(Long.parseLong(f[5])),
                Duration.ofMillis(Long.parseLong(f[6])));
        out.println(RESULT + r.toCsv());
      } catch (Exception | LinkageError e) {
        out.println(ERROR + e.toString().replace('\n', ' '));
      }
      out.flush();
    }
    System.exit(0);
  }

  private static Contender find(String name) {
    for (Contender c : Contenders.all()) {
      if (c.name().equals(name)) {
        return c;
      }
    }
    throw new IllegalArgumentException("no contender named " + name);
  }
}
