package io.channels4j.benchmarks.load;

import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU clocks for one measurement window: this process (the client), the sink's processes, and the
 * whole machine (from {@code /proc/stat}), so the report can show how busy the machine was with
 * work that was neither the client nor the sink (other users of the shared cores).
 */
public final class SystemStats {
  private static final long TICKS_PER_SECOND = clockTicks();
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private SystemStats() {}

  /**
   * Clock readings at one instant.
   *
   * @param wallNanos {@link System#nanoTime()}
   * @param processCpuNanos CPU time of this JVM, all threads (JIT and GC included)
   * @param sinkTicks CPU ticks of the sink processes, or -1 if unknown
   * @param machineBusyTicks busy ticks of all cores, or -1 if unknown
   * @param jitMillis accumulated CPU time of this JVM's JIT compiler threads, or -1 if unknown
   * @param gcMillis accumulated GC time of this JVM
   */
  record Snapshot(
      long wallNanos,
      long processCpuNanos,
      long sinkTicks,
      long machineBusyTicks,
      long jitMillis,
      long gcMillis) {}

  /**
   * Differences between two snapshots, in cores (CPU seconds per second).
   *
   * @param seconds wall time
   * @param clientCpuNanos client CPU time
   * @param clientCores client CPU / wall
   * @param sinkCores sink CPU / wall, NaN if unknown
   * @param machineCores all busy CPU / wall, NaN if unknown
   * @param jitMillis JIT compiler CPU time in the window (part of the client CPU), -1 if unknown
   * @param gcMillis GC time in the window
   */
  record Window(
      double seconds,
      long clientCpuNanos,
      double clientCores,
      double sinkCores,
      double machineCores,
      long jitMillis,
      long gcMillis) {
    /**
     * Busy cores that were neither the client nor the sink.
     *
     * @return cores, NaN if unknown
     */
    double otherCores() {
      return machineCores - clientCores - sinkCores;
    }
  }

  static Snapshot snapshot(List<Long> sinkPids) {
    long sink = 0;
    for (long pid : sinkPids) {
      long t = pidTicks(pid);
      if (t < 0) {
        sink = -1;
        break;
      }
      sink += t;
    }
    return new Snapshot(
        System.nanoTime(),
        OS.getProcessCpuTime(),
        sink,
        machineBusyTicks(),
        jitMillis(),
        gcMillis());
  }

  static Window between(Snapshot a, Snapshot b) {
    double seconds = (b.wallNanos() - a.wallNanos()) / 1e9;
    long cpu = b.processCpuNanos() - a.processCpuNanos();
    double sink =
        a.sinkTicks() < 0 || b.sinkTicks() < 0
            ? Double.NaN
            : (b.sinkTicks() - a.sinkTicks()) / (double) TICKS_PER_SECOND / seconds;
    double machine =
        a.machineBusyTicks() < 0 || b.machineBusyTicks() < 0
            ? Double.NaN
            : (b.machineBusyTicks() - a.machineBusyTicks()) / (double) TICKS_PER_SECOND / seconds;
    long jit = a.jitMillis() < 0 || b.jitMillis() < 0 ? -1 : b.jitMillis() - a.jitMillis();
    return new Window(
        seconds, cpu, cpu / 1e9 / seconds, sink, machine, jit, b.gcMillis() - a.gcMillis());
  }

  /**
   * CPU time of this JVM's JIT compiler threads in milliseconds, from {@code /proc/self/task} (the
   * threads named "C1/C2 CompilerThread"); where that is not readable, the accumulated compilation
   * time that {@link CompilationMXBean} reports.
   *
   * @return the milliseconds, or -1 if neither is available
   */
  public static long jitMillis() {
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
      long ticks = 0;
      boolean found = false;
      for (Path task : tasks) {
        String stat;
        try {
          stat = Files.readString(task.resolve("stat"));
        } catch (IOException threadEnded) {
          continue;
        }
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        String name = stat.substring(open + 1, close);
        if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
          String[] f = stat.substring(close + 2).split(" ");
          ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
          found = true;
        }
      }
      if (found) {
        return ticks * 1000 / TICKS_PER_SECOND;
      }
    } catch (IOException | RuntimeException e) {
      // fall back to the MXBean below
    }
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    return jit != null && jit.isCompilationTimeMonitoringSupported()
        ? jit.getTotalCompilationTime()
        : -1;
  }

  private static long gcMillis() {
    long total = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      total += Math.max(0, gc.getCollectionTime());
    }
    return total;
  }

  /** The 1-minute load average, or NaN. */
  static double loadAverage1() {
    return OS.getSystemLoadAverage();
  }

  /** The whole of {@code /proc/loadavg}, or a note if unavailable. */
  static String loadAverageLine() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "unavailable (" + OS.getSystemLoadAverage() + ")";
    }
  }

  private static long machineBusyTicks() {
    try {
      // cpu  user nice system idle iowait irq softirq steal guest guest_nice
      String line = Files.readAllLines(Path.of("/proc/stat"), StandardCharsets.US_ASCII).get(0);
      String[] f = line.trim().split("\\s+");
      long busy = 0;
      for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
        busy += Long.parseLong(f[i]);
      }
      return busy;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static long pidTicks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // Fields after the ")" that ends the command name: state is field 3, utime 14, stime 15.
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static long clockTicks() {
    try {
      Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
      p.waitFor();
      return Long.parseLong(out);
    } catch (IOException | RuntimeException e) {
      return 100;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 100;
    }
  }
}
