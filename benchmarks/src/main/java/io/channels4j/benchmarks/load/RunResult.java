package io.channels4j.benchmarks.load;

import java.util.Locale;

/**
 * One measured run of one contender at one concurrency, in one round.
 *
 * @param round round number, from 1
 * @param contender contender name
 * @param family contender family
 * @param concurrency requests in flight
 * @param drive how it was driven
 * @param requests successful requests completed in the measurement window
 * @param errors failed requests, warm-up included
 * @param seconds length of the measurement window
 * @param requestsPerSecond {@code requests / seconds}
 * @param p50Micros median latency, microseconds
 * @param p99Micros 99th percentile latency, microseconds
 * @param cpuMicrosPerRequest client process CPU time per request, microseconds
 * @param clientCores client CPU time per wall second
 * @param sinkCores sink CPU time per wall second (NaN if unknown)
 * @param otherCores busy cores used by neither the client nor the sink (NaN if unknown)
 * @param loadAverage1 1-minute load average at the end of the run
 * @param warmupSeconds how long the warm-up actually lasted (it runs on while the JIT is busy)
 * @param jitMillis CPU time of the JIT compiler threads inside the measurement window (included in
 *     {@code cpuMicrosPerRequest}), -1 if unknown
 * @param gcMillis GC time inside the measurement window
 * @param firstError the first error, or empty
 */
public record RunResult(
    int round,
    String contender,
    Family family,
    int concurrency,
    Drive drive,
    long requests,
    long errors,
    double seconds,
    double requestsPerSecond,
    double p50Micros,
    double p99Micros,
    double cpuMicrosPerRequest,
    double clientCores,
    double sinkCores,
    double otherCores,
    double loadAverage1,
    double warmupSeconds,
    long jitMillis,
    long gcMillis,
    String firstError) {

  /** The CSV header matching {@link #toCsv()}. */
  public static final String CSV_HEADER =
      "round,contender,family,concurrency,drive,requests,errors,seconds,requests_per_s,p50_us,"
          + "p99_us,cpu_us_per_request,client_cores,sink_cores,other_cores,loadavg_1m,"
          + "warmup_s,jit_ms,gc_ms,first_error";

  /**
   * One CSV line (no newline).
   *
   * @return the fields in {@link #CSV_HEADER} order
   */
  public String toCsv() {
    return String.join(
        ",",
        Integer.toString(round),
        contender,
        family.name(),
        Integer.toString(concurrency),
        drive.name(),
        Long.toString(requests),
        Long.toString(errors),
        num(seconds),
        num(requestsPerSecond),
        num(p50Micros),
        num(p99Micros),
        num(cpuMicrosPerRequest),
        num(clientCores),
        num(sinkCores),
        num(otherCores),
        num(loadAverage1),
        num(warmupSeconds),
        Long.toString(jitMillis),
        Long.toString(gcMillis),
        firstError.replaceAll("[,\\r\\n\"]", " "));
  }

  /**
   * Parses a line written by {@link #toCsv()}.
   *
   * @param line one CSV line
   * @return the result
   */
  public static RunResult fromCsv(String line) {
    String[] f = line.split(",", 20);
    return new RunResult(
        Integer.parseInt(f[0]),
        f[1],
        Family.valueOf(f[2]),
        Integer.parseInt(f[3]),
        Drive.valueOf(f[4]),
        Long.parseLong(f[5]),
        Long.parseLong(f[6]),
        Double.parseDouble(f[7]),
        Double.parseDouble(f[8]),
        Double.parseDouble(f[9]),
        Double.parseDouble(f[10]),
        Double.parseDouble(f[11]),
        Double.parseDouble(f[12]),
        Double.parseDouble(f[13]),
        Double.parseDouble(f[14]),
        Double.parseDouble(f[15]),
        Double.parseDouble(f[16]),
        Long.parseLong(f[17]),
        Long.parseLong(f[18]),
        f.length > 19 ? f[19] : "");
  }

  private static String num(double d) {
    return Double.isNaN(d) ? "NaN" : String.format(Locale.ROOT, "%.3f", d);
  }
}
