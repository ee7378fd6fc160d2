package io.channels4j.interop.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the real peers live: Node.js, the {@code interop-tests/node_modules} folder that {@code npm
 * ci} fills from {@code package-lock.json}, and the driver scripts in {@code src/test/node}.
 *
 * <p>{@link #locate()} checks everything up front and throws with a message that says what is
 * missing and how to install it. The interop tests must fail, never skip, when a peer is absent: a
 * skipped interop suite would report green without having proved anything.
 *
 * <p>Locations come from system properties (the Maven build sets them), else from the working
 * directory (the module folder or the repository root):
 *
 * <ul>
 *   <li>{@value #NODE_MODULES_PROPERTY}: the {@code node_modules} folder;
 *   <li>{@value #SCRIPTS_PROPERTY}: the folder with {@code clients.mjs} and {@code oracle.mjs};
 *   <li>{@value #NODE_PROPERTY}: the {@code node} executable (default: found on {@code PATH});
 *   <li>{@value #WORK_DIR_PROPERTY}: where config files and logs go (default: a temp folder).
 * </ul>
 */
public final class NodeModules {

  /** System property naming the {@code node_modules} folder. */
  public static final String NODE_MODULES_PROPERTY = "channels4j.interop.nodeModules";

  /** System property naming the folder of the Node driver scripts. */
  public static final String SCRIPTS_PROPERTY = "channels4j.interop.scripts";

  /** System property naming the {@code node} executable. */
  public static final String NODE_PROPERTY = "channels4j.interop.node";

  /** System property naming the folder for soketi configs and process logs. */
  public static final String WORK_DIR_PROPERTY = "channels4j.interop.workDir";

  /** The oldest Node.js major version the peers are known to run on. */
  public static final int MIN_NODE_MAJOR = 18;

  private static final String INSTALL_HINT =
      "Install the interop peers with `npm ci` in the interop-tests folder (it needs Node.js "
          + MIN_NODE_MAJOR
          + "+ and npm on PATH; `mvn verify` does it for you), see interop-tests/README.md.";

  private static final Map<String, String> PEERS =
      Map.of(
          "@soketi/soketi", "bin/server.js",
          "pusher-js", "dist/node/pusher.js",
          "pusher", "lib/pusher.js");

  private static final Pattern NODE_VERSION = Pattern.compile("v(\\d+)\\.(\\d+)\\.(\\d+).*");

  private static volatile NodeModules located;

  private final Path dir;
  private final Path node;
  private final String nodeVersion;
  private final Path scripts;
  private final Path workRoot;

  private NodeModules(Path dir, Path node, String nodeVersion, Path scripts, Path workRoot) {
    this.dir = dir;
    this.node = node;
    this.nodeVersion = nodeVersion;
    this.scripts = scripts;
    this.workRoot = workRoot;
  }

  /**
   * Finds and checks Node.js, the installed peers and the driver scripts; the result is cached.
   *
   * @return the checked locations
   * @throws IllegalStateException if anything is missing or stale, saying what and how to fix it
   */
  public static NodeModules locate() {
    NodeModules result = located;
    if (result == null) {
      synchronized (NodeModules.class) {
        result = located;
        if (result == null) {
          result = check();
          located = result;
        }
      }
    }
    return result;
  }

  private static NodeModules check() {
    Path cwd = Path.of("").toAbsolutePath();
    Path dir =
        fromPropertyOrFirstExisting(
            NODE_MODULES_PROPERTY,
            List.of(cwd.resolve("node_modules"), cwd.resolve("interop-tests/node_modules")));
    if (dir == null || !Files.isDirectory(dir)) {
      throw new IllegalStateException(
          "No interop-tests/node_modules folder found (looked at "
              + (dir != null ? dir : cwd.resolve("node_modules") + " and the interop-tests folder")
              + "). "
              + INSTALL_HINT);
    }
    Path scripts =
        fromPropertyOrFirstExisting(SCRIPTS_PROPERTY, List.of(dir.resolveSibling("src/test/node")));
    if (scripts == null || !Files.isRegularFile(scripts.resolve("clients.mjs"))) {
      throw new IllegalStateException(
          "The Node driver scripts (clients.mjs, oracle.mjs) were not found in "
              + (scripts != null ? scripts : dir.resolveSibling("src/test/node"))
              + "; set -D"
              + SCRIPTS_PROPERTY
              + "=<interop-tests>/src/test/node.");
    }
    Path node = findNode();
    String version = nodeVersion(node);
    checkPeers(dir);
    String workProperty = System.getProperty(WORK_DIR_PROPERTY);
    Path workRoot =
        workProperty != null && !workProperty.isBlank()
            ? Path.of(workProperty).toAbsolutePath()
            : Path.of(System.getProperty("java.io.tmpdir"), "channels4j-interop");
    return new NodeModules(dir.toAbsolutePath(), node, version, scripts.toAbsolutePath(), workRoot);
  }

  private static Path fromPropertyOrFirstExisting(String property, List<Path> candidates) {
    String value = System.getProperty(property);
    if (value != null && !value.isBlank()) {
      return Path.of(value).toAbsolutePath();
    }
    return candidates.stream().filter(Files::isDirectory).findFirst().orElse(null);
  }

  private static Path findNode() {
    String configured = System.getProperty(NODE_PROPERTY);
    if (configured != null && !configured.isBlank()) {
      Path path = Path.of(configured);
      if (!Files.isExecutable(path)) {
        throw new IllegalStateException(
            "-D" + NODE_PROPERTY + "=" + configured + " is not an executable file.");
      }
      return path;
    }
    boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win");
    String pathVariable = System.getenv("PATH");
    if (pathVariable != null) {
      for (String entry : pathVariable.split(Pattern.quote(File.pathSeparator))) {
        if (entry.isBlank()) {
          continue;
        }
        Path candidate = Path.of(entry, windows ? "node.exe" : "node");
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return candidate;
        }
      }
    }
    throw new IllegalStateException(
        "Node.js (`node`) was not found on PATH; install Node.js "
            + MIN_NODE_MAJOR
            + " or newer (for example Debian's `nodejs` and `npm` packages), or set -D"
            + NODE_PROPERTY
            + "=/path/to/node. "
            + INSTALL_HINT);
  }

  private static String nodeVersion(Path node) {
    ProcessBuilder builder = new ProcessBuilder(node.toString(), "--version");
    builder.redirectErrorStream(true);
    Process process = null;
    try {
      process = builder.start();
      process.getOutputStream().close();
      String output;
      try (InputStream in = process.getInputStream()) {
        output = new String(in.readNBytes(4096), StandardCharsets.UTF_8).trim();
      }
      if (!process.waitFor(Duration.ofSeconds(20).toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException(node + " --version did not finish within 20 s");
      }
      Matcher matcher = NODE_VERSION.matcher(output);
      if (process.exitValue() != 0 || !matcher.matches()) {
        throw new IllegalStateException(node + " --version printed '" + output + "'");
      }
      if (Integer.parseInt(matcher.group(1)) < MIN_NODE_MAJOR) {
        throw new IllegalStateException(
            "Node.js " + output + " at " + node + " is too old: " + MIN_NODE_MAJOR + "+ needed.");
      }
      return output;
    } catch (IOException e) {
      throw new IllegalStateException("Could not run " + node + " --version: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while running " + node + " --version", e);
    } finally {
      if (process != null) {
        ProcessStopper.stop(process, Duration.ofSeconds(2));
      }
    }
  }

  /** Checks that each peer is installed at the version package.json pins. */
  private static void checkPeers(Path dir) {
    Path packageJson = dir.resolveSibling("package.json");
    JsonNode wanted = null;
    if (Files.isRegularFile(packageJson)) {
      wanted = Json.read(packageJson).path("dependencies");
    }
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, String> peer : PEERS.entrySet()) {
      Path home = dir.resolve(peer.getKey());
      if (!Files.isRegularFile(home.resolve(peer.getValue()))) {
        problems.add(
            peer.getKey() + " is not installed (no " + home.resolve(peer.getValue()) + ")");
        continue;
      }
      String installed = Json.read(home.resolve("package.json")).path("version").asText();
      String pinned = wanted == null ? "" : wanted.path(peer.getKey()).asText("");
      if (!pinned.isEmpty() && !pinned.equals(installed)) {
        problems.add(
            peer.getKey() + " " + installed + " is installed but package.json pins " + pinned);
      }
    }
    if (!Files.isDirectory(dir.resolve("uWebSockets.js"))) {
      problems.add("uWebSockets.js (soketi's server, from the `overrides` entry) is not installed");
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "The interop peers in "
              + dir
              + " are missing or stale: "
              + problems
              + ". "
              + INSTALL_HINT);
    }
  }

  /**
   * The {@code node_modules} folder.
   *
   * @return its absolute path
   */
  public Path dir() {
    return dir;
  }

  /**
   * The {@code node} executable.
   *
   * @return its path
   */
  public Path node() {
    return node;
  }

  /**
   * The Node.js version, as {@code node --version} printed it.
   *
   * @return for example {@code v20.20.2}
   */
  public String nodeVersion() {
    return nodeVersion;
  }

  /**
   * soketi's start script.
   *
   * @return {@code node_modules/@soketi/soketi/bin/server.js}
   */
  public Path soketiServer() {
    return dir.resolve("@soketi/soketi/bin/server.js");
  }

  /**
   * A driver script from {@code src/test/node}.
   *
   * @param name the file name, for example {@code clients.mjs}
   * @return its absolute path
   * @throws IllegalStateException if there is no such script
   */
  public Path script(String name) {
    Path script = scripts.resolve(name);
    if (!Files.isRegularFile(script)) {
      throw new IllegalStateException("No driver script " + script);
    }
    return script;
  }

  /**
   * Creates a new, empty folder for one process's config and log files.
   *
   * @param prefix the start of the folder name, for example {@code soketi}
   * @return the new folder
   */
  public Path newWorkDir(String prefix) {
    try {
      Files.createDirectories(workRoot);
      return Files.createTempDirectory(workRoot, prefix + "-");
    } catch (IOException e) {
      throw new IllegalStateException("Cannot create a work folder under " + workRoot, e);
    }
  }

  /**
   * Starts building a {@code node} command with the environment cleaned for loopback-only tests: no
   * proxy variables (every request goes to 127.0.0.1 directly) and no {@code NODE_OPTIONS}.
   *
   * @param arguments the arguments after {@code node}
   * @return a process builder; the caller sets the working folder and redirects
   */
  public ProcessBuilder nodeCommand(List<String> arguments) {
    List<String> command = new ArrayList<>();
    command.add(node.toString());
    command.addAll(arguments);
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> env = builder.environment();
    env.keySet()
        .removeIf(
            name -> {
              String lower = name.toLowerCase(Locale.ROOT);
              return lower.endsWith("_proxy") || lower.equals("node_options");
            });
    env.put("NO_PROXY", "127.0.0.1,localhost");
    env.put("no_proxy", "127.0.0.1,localhost");
    return builder;
  }

  @Override
  public String toString() {
    return "NodeModules[" + dir + ", node " + nodeVersion + " at " + node + "]";
  }
}
