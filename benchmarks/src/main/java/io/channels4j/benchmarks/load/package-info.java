/**
 * The end-to-end load driver: {@link io.channels4j.benchmarks.load.Contender} is what a client
 * under test implements, {@link io.channels4j.benchmarks.load.Contenders} lists them, {@link
 * io.channels4j.benchmarks.load.Verifier} checks each one's request before anything is measured,
 * and {@link io.channels4j.benchmarks.load.LoadDriver} runs the interleaved rounds against an nginx
 * {@link io.channels4j.benchmarks.load.Sink} on 127.0.0.1.
 */
package io.channels4j.benchmarks.load;
