package io.channels4j.benchmarks.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** The driver's handle on one {@link ContenderWorker} JVM; stopped by its pid. */
final class WorkerProcess implements AutoCloseable {
  /** Extra time a worker gets beyond warm-up and measurement to answer a run. */
  private static final long ANSWER_SLACK_MILLIS = 60_000;

  private final String contender;
  private final Process process;
  private final Writer commands;
  private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();

  private WorkerProcess(String contender, Process process) {
    this.contender = contender;
    this.process = process;
    this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                  if (line.startsWith(ContenderWorker.RESULT)
                      || line.startsWith(ContenderWorker.ERROR)) {
                    replies.add(line);
                  }
                }
              } catch (IOException e) {
                replies.add(ContenderWorker.ERROR + e);
              }
              replies.add(ContenderWorker.ERROR + "worker exited");
            },
            "worker-reader-" + contender);
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts a worker JVM for one contender, with this JVM's class path.
   *
   * @param contender contender name
   * @param jvmArgs options for the worker JVM
   * @param maxLifetime the worker exits by itself after this long
   */
  static WorkerProcess start(String contender, List<String> jvmArgs, Duration maxLifetime)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ContenderWorker.class.getName());
    command.add(contender);
    command.add(Long.toString(maxLifetime.toSeconds()));
    Process process =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    return new WorkerProcess(contender, process);
  }

  /** Runs one measurement in the worker and waits (bounded) for its result. */
  RunResult run(
      int round,
      int concurrency,
      int port,
      Duration warmup,
      Duration warmupMax,
      Duration measure,
      List<Long> sinkPids)
      throws IOException, InterruptedException {
    String pids =
        sinkPids.isEmpty()
            ? "-"
            : sinkPids.stream().map(String::valueOf).collect(Collectors.joining(","));
    commands.write(
        String.join(
                " ",
                "run",
                Integer.toString(round),
                Integer.toString(concurrency),
                Integer.toString(port),
                Long.toString(warmup.toMillis()),
                Long.toString(warmupMax.toMillis()),
                Long.toString(measure.toMillis()),
                pids)
            + "\n");
    commands.flush();
    long timeout = warmupMax.toMillis() + measure.toMillis() + ANSWER_SLACK_MILLIS;
    String reply = replies.poll(timeout, TimeUnit.MILLISECONDS);
    if (reply == null) {
      throw new IOException(contender + " worker did not answer within " + timeout + " ms");
    }
    if (reply.startsWith(ContenderWorker.ERROR)) {
      throw new IOException(
          contender + " worker: " + reply.substring(ContenderWorker.ERROR.length()));
    }
    return RunResult.fromCsv(reply.substring(ContenderWorker.RESULT.length()));
  }

  /** Asks the worker to exit, then stops it by its pid if it does not. */
  @Override
  public void close() {
    try {
      commands.write("exit\n");
      commands.flush();
      commands.close();
    } catch (IOException alreadyGone) {
      // stopped below
    }
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        Processes.stop(process.toHandle(), 2_000);
      }
    } catch (InterruptedException e) {
      Processes.stop(process.toHandle(), 0);
      Thread.currentThread().interrupt();
    }
  }
}
