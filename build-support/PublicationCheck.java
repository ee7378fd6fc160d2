import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The publication check, run by the parent pom in phase {@code verify} of every published module
 * (one that does not set {@code channels4j.skipPublication}): fails the build when what Maven
 * Central needs, and what we promise users, is missing from the module's {@code target/}.
 *
 * <ul>
 *   <li>The published pom ({@code target/.flattened-pom.xml}) stands alone (no parent) and carries
 *       name, description, url, the licence of {@code LICENSE}, developers, scm and issue
 *       management.
 *   <li>A jar module has its jar with {@code META-INF/LICENSE} equal to {@code LICENSE}, a sources
 *       jar with sources, a javadoc jar with an {@code index.html}, a CycloneDX SBOM of itself, and
 *       an entry in {@code channels4j-bom}.
 *   <li>A BOM manages artifacts of its own group only.
 * </ul>
 *
 * <p>Runs with the JDK that runs Maven, as a single source file: {@code java PublicationCheck.java
 * --root=DIR --target=DIR --final-name=NAME --packaging=jar --group-id=G --artifact-id=A}. Prints
 * every problem at once, exits 1 if there is any.
 */
public final class PublicationCheck {

  private final List<String> problems = new ArrayList<>();

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new HashMap<>();
    for (String arg : args) {
      String[] pair = arg.replaceFirst("^--", "").split("=", 2);
      if (pair.length != 2) {
        throw new IllegalArgumentException("expected --name=value, got " + arg);
      }
      options.put(pair[0], pair[1]);
    }
    for (String required :
        List.of("root", "target", "final-name", "packaging", "group-id", "artifact-id")) {
      if (!options.containsKey(required)) {
        throw new IllegalArgumentException("missing --" + required + "=...");
      }
    }
    PublicationCheck check = new PublicationCheck();
    String artifactId = options.get("artifact-id");
    check.run(
        Path.of(options.get("root")),
        Path.of(options.get("target")),
        options.get("final-name"),
        options.get("packaging"),
        options.get("group-id"),
        artifactId);
    if (check.problems.isEmpty()) {
      System.out.println("[publication check] " + artifactId + ": ok");
      return;
    }
    System.err.println("[publication check] " + artifactId + " is not publishable:");
    check.problems.forEach(problem -> System.err.println("[publication check]   - " + problem));
    System.err.println(
        "[publication check] A module that is not published sets <channels4j.skipPublication>"
            + "true</channels4j.skipPublication>; -Dchannels4j.skipPublication=true skips all"
            + " publication steps for a quick local build.");
    System.exit(1);
  }

  private void run(
      Path root, Path target, String finalName, String packaging, String groupId, String artifactId)
      throws Exception {
    Path licence = root.resolve("LICENSE");
    if (!Files.isRegularFile(licence)) {
      problems.add("no LICENSE at the repository root " + root);
      return;
    }
    byte[] licenceBytes = Files.readAllBytes(licence);
    String licenceName =
        new String(licenceBytes, StandardCharsets.UTF_8).lines().findFirst().orElse("").strip();

    Optional<Element> pom = readXml(target.resolve(".flattened-pom.xml"), "published pom");
    pom.ifPresent(p -> checkPomMetadata(p, licenceName));

    switch (packaging) {
      case "jar" -> {
        checkJar(target.resolve(finalName + ".jar"), licenceBytes);
        checkArchive(target.resolve(finalName + "-sources.jar"), "sources jar", ".java");
        checkArchive(target.resolve(finalName + "-javadoc.jar"), "javadoc jar", "index.html");
        checkSbom(target.resolve("bom.json"), artifactId);
        checkListedInBom(root.resolve("channels4j-bom/pom.xml"), groupId, artifactId);
      }
      case "pom" -> pom.ifPresent(p -> checkOwnGroupOnly(p, groupId));
      default -> problems.add("packaging " + packaging + " is not known to the publication check");
    }
  }

  private void checkPomMetadata(Element pom, String licenceName) {
    if (child(pom, "parent").isPresent()) {
      problems.add("published pom has a <parent>: it must stand alone (flatten-maven-plugin)");
    }
    for (String field : List.of("groupId", "artifactId", "version", "name", "description", "url")) {
      requireText(pom, field, "published pom");
    }
    List<Element> licenses = children(child(pom, "licenses"), "license");
    if (licenses.isEmpty()) {
      problems.add("published pom has no <licenses><license>");
    }
    for (Element license : licenses) {
      requireText(license, "url", "published pom <license>");
      String name = text(license, "name");
      if (!name.equals(licenceName)) {
        problems.add(
            "published pom names licence '" + name + "' but LICENSE is the '" + licenceName + "'");
      }
    }
    List<Element> developers = children(child(pom, "developers"), "developer");
    if (developers.isEmpty()) {
      problems.add("published pom has no <developers><developer>");
    }
    developers.forEach(developer -> requireText(developer, "name", "published pom <developer>"));
    Optional<Element> scm = child(pom, "scm");
    if (scm.isEmpty()) {
      problems.add("published pom has no <scm>");
    }
    scm.ifPresent(
        s -> {
          requireText(s, "url", "published pom <scm>");
          requireText(s, "connection", "published pom <scm>");
        });
    Optional<Element> issues = child(pom, "issueManagement");
    if (issues.isEmpty()) {
      problems.add("published pom has no <issueManagement>");
    }
    issues.ifPresent(i -> requireText(i, "url", "published pom <issueManagement>"));
  }

  private void checkJar(Path jar, byte[] licenceBytes) throws IOException {
    if (!exists(jar, "jar")) {
      return;
    }
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      ZipEntry entry = zip.getEntry("META-INF/LICENSE");
      if (entry == null) {
        problems.add(jar.getFileName() + " has no META-INF/LICENSE");
        return;
      }
      try (InputStream in = zip.getInputStream(entry)) {
        if (!Arrays.equals(in.readAllBytes(), licenceBytes)) {
          problems.add(jar.getFileName() + ": META-INF/LICENSE differs from LICENSE");
        }
      }
    }
  }

  private void checkArchive(Path archive, String what, String entrySuffix) throws IOException {
    if (!exists(archive, what)) {
      return;
    }
    try (ZipFile zip = new ZipFile(archive.toFile())) {
      boolean found = zip.stream().anyMatch(entry -> entry.getName().endsWith(entrySuffix));
      if (!found) {
        problems.add(what + " " + archive.getFileName() + " has no " + entrySuffix + " entry");
      }
    }
  }

  private void checkSbom(Path sbom, String artifactId) throws IOException {
    if (!exists(sbom, "CycloneDX SBOM (cyclonedx-maven-plugin)")) {
      return;
    }
    String json = Files.readString(sbom);
    if (!json.replaceAll("\\s", "").contains("\"bomFormat\":\"CycloneDX\"")
        || !json.contains(artifactId)) {
      problems.add(sbom.getFileName() + " is not a CycloneDX SBOM of " + artifactId);
    }
  }

  private void checkListedInBom(Path bomPom, String groupId, String artifactId) throws Exception {
    Optional<Element> bom = readXml(bomPom, "channels4j-bom pom");
    if (bom.isEmpty()) {
      return;
    }
    boolean listed =
        managed(bom.get()).stream()
            .anyMatch(
                dependency ->
                    text(dependency, "groupId").equals(groupId)
                        && text(dependency, "artifactId").equals(artifactId)
                        && text(dependency, "classifier").isEmpty());
    if (!listed) {
      problems.add(
          groupId
              + ":"
              + artifactId
              + " (its main jar, no classifier) is not in the dependencyManagement of "
              + bomPom);
    }
  }

  private void checkOwnGroupOnly(Element pom, String groupId) {
    for (Element dependency : managed(pom)) {
      String managedGroup = text(dependency, "groupId");
      if (!managedGroup.equals(groupId)) {
        problems.add(
            "published pom manages "
                + managedGroup
                + ":"
                + text(dependency, "artifactId")
                + ", not of group "
                + groupId
                + ": a BOM that users import must not pin third-party versions");
      }
    }
  }

  private static List<Element> managed(Element pom) {
    return children(child(child(pom, "dependencyManagement"), "dependencies"), "dependency");
  }

  private boolean exists(Path file, String what) {
    if (Files.isRegularFile(file)) {
      return true;
    }
    problems.add("no " + what + ": " + file + " was not built");
    return false;
  }

  private Optional<Element> readXml(Path file, String what) throws Exception {
    if (!exists(file, what)) {
      return Optional.empty();
    }
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    return Optional.of(factory.newDocumentBuilder().parse(file.toFile()).getDocumentElement());
  }

  private void requireText(Element parent, String name, String where) {
    if (text(parent, name).isEmpty()) {
      problems.add(where + " has no <" + name + ">");
    }
  }

  private static String text(Element parent, String name) {
    return child(parent, name).map(e -> e.getTextContent().strip()).orElse("");
  }

  private static Optional<Element> child(Element parent, String name) {
    return children(Optional.of(parent), name).stream().findFirst();
  }

  private static Optional<Element> child(Optional<Element> parent, String name) {
    return parent.flatMap(p -> child(p, name));
  }

  private static List<Element> children(Optional<Element> parent, String name) {
    List<Element> found = new ArrayList<>();
    if (parent.isEmpty()) {
      return found;
    }
    for (Node node = parent.get().getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element && element.getTagName().equals(name)) {
        found.add(element);
      }
    }
    return found;
  }
}
