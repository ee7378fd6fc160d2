/** Writes {@code BENCHMARKS.md} and the SVG chart from a results directory. */
package io.channels4j.benchmarks.report;
