/**
 * The contenders other than channels4j: the raw-socket limit, plain JDK clients, the official
 * library.
 */
package io.channels4j.benchmarks.load.contenders;
