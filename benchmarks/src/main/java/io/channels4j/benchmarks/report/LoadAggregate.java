package io.channels4j.benchmarks.report;

import io.channels4j.benchmarks.load.Family;

/**
 * The runs of one contender at one concurrency, summarised over rounds.
 *
 * @param contender contender name
 * @param family contender family
 * @param concurrency requests in flight
 * @param drive how it was driven, the {@code Drive} constant's name
 * @param rps requests per second
 * @param p50 median latency, µs
 * @param p99 99th percentile latency, µs
 * @param cpu client CPU µs per request
 * @param cpuRatio CPU per request ÷ the raw-socket limit's in the same round
 * @param cpuRatioExclJit the same ratio with the JIT compiler threads' CPU taken out of both
 * @param jit JIT compiler CPU ms in the window (rounds where it is unknown are left out)
 * @param gc GC ms in the window
 * @param errors failed requests over all rounds
 */
record LoadAggregate(
    String contender,
    Family family,
    int concurrency,
    String drive,
    Stats rps,
    Stats p50,
    Stats p99,
    Stats cpu,
    Stats cpuRatio,
    Stats cpuRatioExclJit,
    Stats jit,
    Stats gc,
    long errors) {}
