/**
 * JMH microbenchmarks: one class per library, with the same {@code @Benchmark} method names, which
 * the report pairs by name: {@code privateAuth}, {@code presenceAuth}, {@code userAuth}, {@code
 * verifyWebhook}, {@code buildSignedTrigger}. Every class takes its inputs from {@link
 * io.channels4j.benchmarks.BenchInputs} and checks its results once in {@code @Setup} with {@code
 * MicroChecks}.
 *
 * <p>{@link io.channels4j.benchmarks.micro.PusherHttpJavaBenchmark} is the official library (which
 * has no {@code userAuth}); {@code Channels4jBenchmark} is channels4j.
 */
package io.channels4j.benchmarks.micro;
