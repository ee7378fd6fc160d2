package io.channels4j.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Map;

/**
 * Where a command reads and writes: the process's streams and environment in {@link Main}, buffers
 * in tests.
 *
 * @param env the environment variables
 * @param in standard input
 * @param out standard output: results
 * @param err standard error: errors and progress
 */
record Io(Map<String, String> env, InputStream in, PrintWriter out, PrintWriter err) {
  Io {
    env = Map.copyOf(env);
  }
}
