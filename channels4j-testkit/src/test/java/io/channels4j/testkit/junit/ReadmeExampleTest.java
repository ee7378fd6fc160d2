package io.channels4j.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The testkit README's Java examples, read out of README.md, compiled against the test class path
 * and run with the JUnit launcher: a README that no longer compiles, or whose tests fail, fails
 * this test. No copy of the examples lives here.
 */
class ReadmeExampleTest {
  private static final Path README = Path.of("README.md");
  private static final Pattern JAVA_BLOCK =
      Pattern.compile("^```java\\n(.*?)^```$", Pattern.DOTALL | Pattern.MULTILINE);
  private static final Pattern CLASS_NAME =
      Pattern.compile("^(?:public )?(?:final )?class (\\w+)", Pattern.MULTILINE);

  static List<String> javaBlocks(String markdown) {
    List<String> blocks = new ArrayList<>();
    Matcher m = JAVA_BLOCK.matcher(markdown);
    while (m.find()) {
      blocks.add(m.group(1));
    }
    return blocks;
  }

  @Test
  void findsTheJavaBlocksOfAMarkdownText() {
    String markdown =
        "# t\n```java\nclass A {}\n```\ntext\n```xml\n<x/>\n```\n```java\nclass B {}\n```\n";
    assertThat(javaBlocks(markdown)).containsExactly("class A {}\n", "class B {}\n");
  }

  @Test
  void everyJavaExampleOfTheReadmeCompilesAndItsTestsPass(@TempDir Path work) throws Exception {
    assertThat(README).as("the testkit README, from the module directory").exists();
    List<String> blocks = javaBlocks(Files.readString(README, StandardCharsets.UTF_8));
    assertThat(blocks).as("the README's ```java examples").hasSizeGreaterThanOrEqualTo(2);

    Path sources = Files.createDirectories(work.resolve("src"));
    Path classes = Files.createDirectories(work.resolve("classes"));
    List<String> classNames = new ArrayList<>();
    for (String block : blocks) {
      Matcher name = CLASS_NAME.matcher(block);
      assertThat(name.find()).as("a top-level class in:\n%s", block).isTrue();
      classNames.add(name.group(1));
      Files.writeString(sources.resolve(name.group(1) + ".java"), block, StandardCharsets.UTF_8);
    }
    compile(sources, classes);

    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
      for (String className : classNames) {
        TestExecutionSummary summary = FixtureRunner.run(loader.loadClass(className));
        assertThat(summary.getTotalFailureCount())
            .as("%s failed:\n%s", className, FixtureRunner.failures(summary))
            .isZero();
        assertThat(summary.getTestsSucceededCount()).as("tests run in %s", className).isPositive();
        assertThat(summary.getTestsSucceededCount()).isEqualTo(summary.getTestsFoundCount());
      }
    }
  }

  private static void compile(Path sources, Path classes) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, null);
        var paths = Files.list(sources)) {
      Iterable<? extends JavaFileObject> units =
          files.getJavaFileObjectsFromPaths(paths.collect(Collectors.toList()));
      List<String> options =
          List.of(
              "-classpath",
              System.getProperty("java.class.path"),
              "-d",
              classes.toString(),
              "--release",
              "17",
              "-Xlint:all",
              "-Werror");
      boolean ok = javac.getTask(null, files, diagnostics, options, null, units).call();
      assertThat(ok)
          .as(
              "the README examples compile:\n%s",
              diagnostics.getDiagnostics().stream()
                  .map(Object::toString)
                  .collect(Collectors.joining("\n")))
          .isTrue();
    }
  }
}
