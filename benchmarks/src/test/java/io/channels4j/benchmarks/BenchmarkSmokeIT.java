package io.channels4j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.channels4j.benchmarks.load.NginxSink;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The benchmarks' smoke run, part of {@code ./mvnw verify} (failsafe, after the package phase built
 * {@code target/benchmarks.jar}): {@code run.sh --smoke} runs every JMH benchmark once (their
 * {@code @Setup} checks every result) and every load contender for about a second, against nginx
 * when it is installed and the JDK fallback sink otherwise. It fails when a contender sends an
 * invalid request, a request fails, or a benchmark does not run. Skip it with {@code -DskipITs}.
 */
class BenchmarkSmokeIT {
  private static final long MAX_SECONDS = 240;

  @Test
  void everyBenchmarkAndContenderRunsAndSendsValidRequests() throws Exception {
    Path module = Path.of("").toAbsolutePath();
    Path out = module.resolve("target/smoke");
    Path log = module.resolve("target/smoke-run.log");
    List<String> command = new ArrayList<>(List.of("bash", "run.sh", "--smoke", "--skip-build"));
    if (!Files.isExecutable(NginxSink.DEFAULT_BINARY)) {
      command.add("--jdk-sink");
    }
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(module.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    // run.sh calls `java`: the JDK running this build.
    String javaBin = Path.of(System.getProperty("java.home"), "bin").toString();
    builder.environment().merge("PATH", javaBin, (path, bin) -> bin + File.pathSeparator + path);

    Process run = builder.start();
    boolean finished = run.waitFor(MAX_SECONDS, TimeUnit.SECONDS);
    if (!finished) {
      run.descendants().forEach(ProcessHandle::destroyForcibly);
      run.destroyForcibly();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);

    assertThat(finished).as("smoke run finished within %d s:%n%s", MAX_SECONDS, output).isTrue();
    assertThat(run.exitValue()).as("run.sh --smoke exit status:%n%s", output).isZero();

    List<String> verify = Files.readAllLines(out.resolve("verify.csv"));
    Set<String> verified = new TreeSet<>();
    for (String line : verify.subList(1, verify.size())) {
      String[] f = line.split(",", -1);
      assertThat(f[3]).as("request of %s at c=%s: %s", f[0], f[1], line).isEqualTo("true");
      verified.add(f[0]);
    }
    assertThat(verified)
        .contains("raw-socket", "official-sync", "official-async", "channels4j")
        .contains("channels4j-jdk-httpclient");

    List<String> load = Files.readAllLines(out.resolve("load.csv"));
    assertThat(load).hasSizeGreaterThan(1);
    for (String line : load.subList(1, load.size())) {
      String[] f = line.split(",", -1);
      assertThat(Long.parseLong(f[5])).as("requests of %s at c=%s", f[1], f[3]).isPositive();
      assertThat(Long.parseLong(f[6])).as("failed requests of %s at c=%s", f[1], f[3]).isZero();
    }

    String fanOut = Files.readString(out.resolve("fanout.txt"));
    for (String contender :
        List.of("bulk", "raw-socket-batched", "naive-loop", "official-naive-loop")) {
      assertThat(fanOut).as("fan-out table row of %s", contender).contains("| " + contender + " |");
    }
    assertThat(fanOut)
        .contains("bulk/raw CPU per event, same round")
        .contains("heap: 20,000 events");

    String jmh = Files.readString(out.resolve("jmh.json"));
    for (String benchmark :
        List.of(
            "Channels4jBenchmark.privateAuth",
            "Channels4jBenchmark.presenceAuth",
            "Channels4jBenchmark.userAuth",
            "Channels4jBenchmark.verifyWebhook",
            "Channels4jBenchmark.verifyAndReadWebhook",
            "Channels4jBenchmark.buildSignedTrigger",
            "PusherHttpJavaBenchmark.privateAuth",
            "PusherHttpJavaBenchmark.buildSignedTrigger")) {
      assertThat(jmh).contains("io.channels4j.benchmarks.micro." + benchmark + "\"");
    }
    assertThat(out.resolve("BENCHMARKS.md")).exists();
  }
}
