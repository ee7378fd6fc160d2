package io.channels4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The runnable jar (built by the shade plugin) carries channels4j's licence and one for every
 * library bundled in it, and every class in it belongs to a library whose licence is checked here:
 * a new bundled dependency fails {@link #holdsNoClassOfAnUnlistedLibrary} until its licence is.
 */
class RunnableJarLicencesIT {
  /** A bundled library: where its classes are, and the licence text that covers them. */
  private record Bundled(String name, String packages, String licence, String phrase) {}

  private static final String APACHE_2 = "META-INF/licenses/Apache-2.0.txt";

  private static final List<Bundled> BUNDLED =
      List.of(
          new Bundled("channels4j", "io/channels4j/", "META-INF/LICENSE", "MIT License"),
          new Bundled("picocli", "picocli/", APACHE_2, "Version 2.0, January 2004"),
          new Bundled("Jackson", "com/fasterxml/jackson/", APACHE_2, "Version 2.0, January 2004"),
          new Bundled(
              "FastDoubleParser",
              "com/fasterxml/jackson/core/internal/shaded/fdp/",
              "META-INF/FastDoubleParser-LICENSE",
              "MIT License"),
          new Bundled(
              "Schubfach",
              "com/fasterxml/jackson/core/io/schubfach/",
              "META-INF/Schubfach-LICENSE",
              "Permission is hereby granted"),
          new Bundled(
              "Bouncy Castle", "org/bouncycastle/", "META-INF/LICENSE.md", "Bouncy Castle"));

  private static JarFile jar;

  @BeforeAll
  static void open() throws IOException {
    String path = System.getProperty("channels4j.cli.jar");
    assertThat(path)
        .as("channels4j.cli.jar: set by failsafe, which runs this after package (mvn verify)")
        .isNotNull();
    jar = new JarFile(path);
  }

  @AfterAll
  static void close() throws IOException {
    jar.close();
  }

  private static String text(String entry) throws IOException {
    ZipEntry e = jar.getEntry(entry);
    assertThat(e).as("%s in %s", entry, jar.getName()).isNotNull();
    try (var in = jar.getInputStream(e)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void carriesTheProjectLicenceAsMetaInfLicense() throws IOException {
    String project =
        Files.readString(Path.of(System.getProperty("channels4j.licence")), StandardCharsets.UTF_8);
    assertThat(text("META-INF/LICENSE")).isEqualTo(project);
  }

  @Test
  void carriesALicenceTextForEveryBundledLibrary() throws IOException {
    for (Bundled b : BUNDLED) {
      assertThat(jar.stream().anyMatch(e -> e.getName().startsWith(b.packages())))
          .as("%s is bundled (%s)", b.name(), b.packages())
          .isTrue();
      assertThat(text(b.licence())).as("%s: %s", b.name(), b.licence()).contains(b.phrase());
    }
    assertThat(text(APACHE_2))
        .contains("TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION");
    assertThat(text("META-INF/FastDoubleParser-ThirdParty-LICENSE")).isNotBlank();
    assertThat(text("META-INF/NOTICE")).contains("Jackson").contains("FastDoubleParser");
  }

  @Test
  void listsEveryBundledLibraryAndWhereItsLicenceIs() throws IOException {
    String index = text("META-INF/THIRD-PARTY.txt");
    assertThat(index)
        .doesNotContain("${")
        .contains("picocli", "Jackson", "FastDoubleParser", "Schubfach", "Bouncy Castle");
    for (Bundled b : BUNDLED) {
      assertThat(index).contains(b.licence());
    }
  }

  @Test
  void holdsNoClassOfAnUnlistedLibrary() {
    List<String> unlisted =
        jar.stream()
            .map(ZipEntry::getName)
            .filter(n -> n.endsWith(".class"))
            // A multi-release class is that of the same library.
            .map(n -> n.replaceFirst("^META-INF/versions/[0-9]+/", ""))
            .filter(n -> !n.equals("module-info.class"))
            .filter(n -> BUNDLED.stream().noneMatch(b -> n.startsWith(b.packages())))
            .toList();
    assertThat(unlisted).isEmpty();
  }
}
