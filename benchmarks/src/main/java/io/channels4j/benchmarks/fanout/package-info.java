/**
 * The bulk fan-out benchmark: {@code BulkPublisher} against a naive loop of single triggers (this
 * library and the official one) and the raw socket sending the same batched requests, each in a
 * worker JVM of its own; and the peak heap of a million-event fan-out from an iterator.
 */
package io.channels4j.benchmarks.fanout;
