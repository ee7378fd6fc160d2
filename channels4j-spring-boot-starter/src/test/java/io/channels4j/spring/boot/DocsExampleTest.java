package io.channels4j.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/spring-boot.md shows the example application that ExampleApplicationTest runs, verbatim: the
 * guide cannot drift from the tested code.
 */
class DocsExampleTest {
  private static final Path ROOT = Path.of("..");

  @Test
  void theGuideShowsTheTestedExampleApplicationVerbatim() throws Exception {
    String guide = Files.readString(ROOT.resolve("docs/spring-boot.md"));
    String source =
        Files.readString(
            ROOT.resolve(
                "channels4j-spring-boot-starter/src/example/java/io/channels4j/spring/boot/example/"
                    + "ExampleApplication.java"));

    String start = "<!-- example: ExampleApplication.java -->\n```java\n";
    int from = guide.indexOf(start);
    assertThat(from).as("the guide marks the example").isNotNegative();
    int to = guide.indexOf("```\n", from + start.length());
    String shown = guide.substring(from + start.length(), to);

    assertThat(shown).isEqualTo(source);
  }
}
