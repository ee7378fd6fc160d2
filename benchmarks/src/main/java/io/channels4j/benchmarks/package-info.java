/**
 * The channels4j benchmarks (not published): JMH microbenchmarks in {@code .micro}, the end-to-end
 * load driver in {@code .load}, the report writer in {@code .report}, and what they share: the
 * inputs every contender gets ({@link io.channels4j.benchmarks.BenchInputs}) and the request check
 * that makes sure no contender wins by doing less ({@link io.channels4j.benchmarks.TriggerCheck}).
 * Run everything with {@code benchmarks/run.sh}.
 */
package io.channels4j.benchmarks;
