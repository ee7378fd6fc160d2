package io.channels4j.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.channels4j.benchmarks.load.Drive;
import io.channels4j.benchmarks.load.Family;
import io.channels4j.benchmarks.load.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsReaderTest {
  @TempDir Path dir;

  @Test
  void readsClassOperationScoreAndAllocationOfAJmhResult() {
    List<JmhRow> rows =
        ResultsReader.jmh(
            """
            [{"benchmark":"io.channels4j.benchmarks.micro.Channels4jBenchmark.privateAuth",
              "forks":2,"warmupIterations":3,"warmupTime":"1 s",
              "measurementIterations":5,"measurementTime":"2 s",
              "primaryMetric":{"score":1234.5,"scoreError":6.5},
              "secondaryMetrics":{"gc.alloc.rate.norm":{"score":480.0}}}]
            """);

    assertThat(rows)
        .containsExactly(
            new JmhRow(
                "Channels4jBenchmark", "privateAuth", 1234.5, 6.5, 480.0, 2, 3, "1 s", 5, "2 s"));
  }

  @Test
  void jmhResultWithoutGcProfilerOrErrorHasNaNThere() {
    JmhRow row =
        ResultsReader.jmh(
                """
                [{"benchmark":"a.B.op","forks":1,"warmupIterations":1,"warmupTime":"1 s",
                  "measurementIterations":1,"measurementTime":"1 s",
                  "primaryMetric":{"score":10,"scoreError":"NaN"}}]
                """)
            .get(0);

    assertThat(row.benchClass()).isEqualTo("B");
    assertThat(row.operation()).isEqualTo("op");
    assertThat(row.error()).isNaN();
    assertThat(row.bytesPerOp()).isNaN();
  }

  @Test
  void skipsTheHeaderAndBlankLinesOfLoadCsv() {
    List<RunResult> runs =
        ResultsReader.runs(
            RunResult.CSV_HEADER
                + "\n2,official-async,OFFICIAL,32,ASYNC,9000,3,2.000,4500.000,51.000,203.000,"
                + "110.000,0.900,0.300,0.100,1.760,1.500,-1,4,reset by peer\n\n");

    assertThat(runs)
        .containsExactly(
            new RunResult(
                2,
                "official-async",
                Family.OFFICIAL,
                32,
                Drive.ASYNC,
                9000,
                3,
                2.0,
                4500.0,
                51.0,
                203.0,
                110.0,
                0.9,
                0.3,
                0.1,
                1.76,
                1.5,
                -1,
                4,
                "reset by peer"));
  }

  @Test
  void readsVerificationLinesWithAndWithoutProblems() {
    List<Results.Verification> rows =
        ResultsReader.verifications(
            "contender,concurrency,drive,ok,body_bytes,body_identical,problems\n"
                + "official-sync,1,BLOCKING,true,66,false,\n"
                + "channels4j,32,ASYNC,false,64,true,auth_signature differs\n"
                + "short,1,BLOCKING,true,10,true\n");

    assertThat(rows)
        .containsExactly(
            new Results.Verification("official-sync", "1", "BLOCKING", true, "66", false, ""),
            new Results.Verification(
                "channels4j", "32", "ASYNC", false, "64", true, "auth_signature differs"),
            new Results.Verification("short", "1", "BLOCKING", true, "10", true, ""));
  }

  @Test
  void missingFilesReadAsEmpty() throws Exception {
    Results results = ResultsReader.read(dir);

    assertThat(results.machine()).isEmpty();
    assertThat(results.jmhMachine()).isEmpty();
    assertThat(results.jmh()).isEmpty();
    assertThat(results.runs()).isEmpty();
    assertThat(results.verify()).isEmpty();
  }

  @Test
  void readsMachinePropertiesFromTheDirectory() throws Exception {
    Files.writeString(dir.resolve("machine.properties"), "cores=2\nrounds=5\n");
    Files.writeString(dir.resolve("jmh-machine.properties"), "loadavg_before=0.1 0.2\n");

    Results results = ResultsReader.read(dir);

    assertThat(results.machine().getProperty("cores")).isEqualTo("2");
    assertThat(results.machine().getProperty("rounds")).isEqualTo("5");
    assertThat(results.jmhMachine().getProperty("loadavg_before")).isEqualTo("0.1 0.2");
  }

  @Test
  void numbersMayBeWrittenAsStringsAndAnythingElseIsNaN() {
    assertThat(ResultsReader.number(3)).isEqualTo(3.0);
    assertThat(ResultsReader.number("2.5")).isEqualTo(2.5);
    assertThat(ResultsReader.number("n/a")).isNaN();
    assertThat(ResultsReader.number(null)).isNaN();
  }
}
