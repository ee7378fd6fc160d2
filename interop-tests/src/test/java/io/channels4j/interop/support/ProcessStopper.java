package io.channels4j.interop.support;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Stops the processes the tests start, each by its own pid: a polite {@code destroy()} (SIGTERM on
 * POSIX), a bounded wait, then {@code destroyForcibly()}. Never by name.
 *
 * <p>It also keeps a JVM shutdown hook that stops whatever a test left running (an interrupted
 * build, a test that failed before its {@code close()}).
 */
final class ProcessStopper {

  private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

  static {
    Thread hook = new Thread(ProcessStopper::stopAll, "channels4j-interop-process-stopper");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  private ProcessStopper() {}

  /** Remembers a started process so that the shutdown hook can stop it. */
  static void register(Process process) {
    RUNNING.add(process);
  }

  /**
   * Stops the process and then any child it left behind.
   *
   * @param process the process
   * @param grace how long to wait after SIGTERM before killing
   * @return the exit code, or -1 if it could not be read
   */
  static int stop(Process process, Duration grace) {
    try {
      // Children are collected first: once the parent is gone they are re-parented.
      List<ProcessHandle> children = process.descendants().collect(Collectors.toList());
      stopOne(process.toHandle(), grace);
      for (ProcessHandle child : children) {
        stopOne(child, Duration.ofSeconds(2));
      }
      return exitValueOrMinusOne(process);
    } finally {
      RUNNING.remove(process);
    }
  }

  private static void stopOne(ProcessHandle handle, Duration grace) {
    if (!handle.isAlive()) {
      return;
    }
    handle.destroy();
    if (!waitFor(handle, grace)) {
      handle.destroyForcibly();
      waitFor(handle, Duration.ofSeconds(5));
    }
  }

  private static boolean waitFor(ProcessHandle handle, Duration timeout) {
    try {
      handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !handle.isAlive();
    } catch (Exception e) {
      return !handle.isAlive();
    }
  }

  private static int exitValueOrMinusOne(Process process) {
    try {
      return process.waitFor(2, TimeUnit.SECONDS) ? process.exitValue() : -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static void stopAll() {
    for (Process process : List.copyOf(RUNNING)) {
      stop(process, Duration.ofSeconds(2));
    }
  }
}
