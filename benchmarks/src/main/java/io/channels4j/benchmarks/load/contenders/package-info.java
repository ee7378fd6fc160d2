/**
 * The load contenders: the raw-socket limit, plain JDK clients, the official library, and
 * channels4j with each transport it ships.
 */
package io.channels4j.benchmarks.load.contenders;
