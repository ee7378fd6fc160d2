package io.channels4j.interop.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A Node driver script spoken to in JSON lines: one JSON value per line on its stdin, one per line
 * back on its stdout. Its stderr goes to a log file. Closing its stdin ends the script (the scripts
 * exit when their input ends, also when the JVM dies), and {@link #close()} then stops it by pid.
 */
final class NodeProcess implements AutoCloseable {

  private final String name;
  private final Process process;
  private final BufferedWriter stdin;
  private final Thread reader;
  private final Path log;

  private NodeProcess(String name, Process process, Thread reader, Path log) {
    this.name = name;
    this.process = process;
    this.stdin =
        new BufferedWriter(
            new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
    this.reader = reader;
    this.log = log;
  }

  /**
   * Starts {@code node SCRIPT ARGS...} in a fresh work folder.
   *
   * @param modules where node and the scripts are
   * @param script the script file name in {@code src/test/node}
   * @param arguments the script's arguments
   * @param onLine called on the reader thread for every stdout line; a line that is not JSON
   *     arrives as {@code {"type":"stdout","text":...}}
   * @param onEnd called on the reader thread when stdout ends (the process is exiting)
   * @return the running process
   */
  static NodeProcess start(
      NodeModules modules,
      String script,
      List<String> arguments,
      Consumer<JsonNode> onLine,
      Runnable onEnd) {
    Path workDir = modules.newWorkDir(script.replace(".mjs", ""));
    Path log = workDir.resolve(script.replace(".mjs", "") + ".stderr.log");
    List<String> command = new ArrayList<>();
    command.add(modules.script(script).toString());
    command.add("--node-modules");
    command.add(modules.dir().toString());
    command.addAll(arguments);
    ProcessBuilder builder = modules.nodeCommand(command);
    builder.directory(workDir.toFile());
    builder.redirectError(ProcessBuilder.Redirect.to(log.toFile()));
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + builder.command(), e);
    }
    ProcessStopper.register(process);
    Thread reader =
        new Thread(() -> readLines(process, onLine, onEnd), script + "-stdout-" + process.pid());
    reader.setDaemon(true);
    reader.start();
    return new NodeProcess(script, process, reader, log);
  }

  private static void readLines(Process process, Consumer<JsonNode> onLine, Runnable onEnd) {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String text;
      while ((text = in.readLine()) != null) {
        if (text.isBlank()) {
          continue;
        }
        JsonNode line;
        try {
          line = Json.parse(text);
        } catch (JsonProcessingException e) {
          ObjectNode raw = Json.object();
          raw.put("type", "stdout");
          raw.put("text", text);
          line = raw;
        }
        onLine.accept(line);
      }
    } catch (IOException e) {
      // The stream closes when the process is stopped; nothing more to read.
    } finally {
      onEnd.run();
    }
  }

  /**
   * Waits for the script's ready line. If it does not come in time (or the script ends first), runs
   * {@code cleanUp} and throws with the end of the script's stderr.
   *
   * @param ready completed by the owner when the ready line arrives, failed when the script ends
   * @param timeout how long to wait
   * @param cleanUp stops the owner (and so this process) when the script did not start
   * @throws IllegalStateException if the script did not start
   */
  void awaitReady(Future<?> ready, Duration timeout, Runnable cleanUp) {
    try {
      ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      cleanUp.run();
      throw new IllegalStateException("Interrupted while starting " + name, e);
    } catch (ExecutionException | TimeoutException e) {
      String detail = describeExit();
      cleanUp.run();
      throw new IllegalStateException(name + " did not start: " + detail, e);
    }
  }

  /**
   * Writes one JSON line to the script.
   *
   * @param value the value to send
   * @throws IllegalStateException if the script has exited
   */
  synchronized void send(JsonNode value) {
    if (!process.isAlive()) {
      throw new IllegalStateException(describeExit());
    }
    try {
      stdin.write(Json.write(value));
      stdin.write('\n');
      stdin.flush();
    } catch (IOException e) {
      throw new IllegalStateException(describeExit(), e);
    }
  }

  /** Whether the script is still running. */
  boolean isAlive() {
    return process.isAlive();
  }

  /** The script's pid. */
  long pid() {
    return process.pid();
  }

  /** The file that receives the script's stderr. */
  Path log() {
    return log;
  }

  /** A message for a script that is gone, with the end of its stderr. */
  String describeExit() {
    String status = process.isAlive() ? "is running" : "exited with " + process.exitValue();
    return name
        + " (pid "
        + process.pid()
        + ") "
        + status
        + "; its stderr ("
        + log
        + ") ends:\n"
        + LogTail.of(log, 30);
  }

  @Override
  public void close() {
    synchronized (this) {
      try {
        stdin.close();
      } catch (IOException e) {
        // Already closed because the process is gone.
      }
    }
    // The scripts exit on end of input; give them a moment before the signal.
    try {
      process.waitFor(Duration.ofSeconds(2).toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    ProcessStopper.stop(process, Duration.ofSeconds(3));
    try {
      reader.join(Duration.ofSeconds(2).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
