package io.channels4j.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * Every {@code ```java} block of the README, {@code docs/} and the module READMEs compiles against
 * the published modules (core, crypto, testkit and the CLI are all on this module's class path,
 * which is why the test lives here); blocks marked {@code snippet-run} also run, against the
 * testkit's embedded server on 127.0.0.1. The markdown conventions are described in {@link
 * DocSnippet}. A block that no longer compiles fails with its file, line and the compiler's
 * message: fix the docs, not this test.
 */
class DocSnippetsTest {
  private static final Pattern IMPORT =
      Pattern.compile("import\\s+(static\\s+)?[\\w.]+(\\.\\*)?\\s*;");

  @Test
  void everyJavaSnippetInTheDocsCompilesAndTheRunnableOnesRun() throws Exception {
    Path root = repositoryRoot();
    List<DocSnippet> all = new ArrayList<>();
    for (Path file : markdownFiles(root)) {
      all.addAll(
          DocSnippet.parse(root.relativize(file), Files.readString(file, StandardCharsets.UTF_8)));
    }
    List<DocSnippet> compiled = new ArrayList<>();
    List<DocSnippet> skipped = new ArrayList<>();
    for (DocSnippet s : all) {
      (s.notCompiled() == null ? compiled : skipped).add(s);
    }

    Map<String, Generated> sources = new LinkedHashMap<>();
    for (int i = 0; i < compiled.size(); i++) {
      Generated g = generate("DocSnippet" + i, compiled.get(i));
      sources.put(g.className(), g);
    }
    Map<String, byte[]> classes = new HashMap<>();
    List<String> errors = compile(sources, classes);

    System.out.printf(
        Locale.ROOT,
        "doc snippets: %d found, %d compiled, %d marked not compiled%n",
        all.size(),
        compiled.size(),
        skipped.size());
    skipped.forEach(
        s -> System.out.println("  not compiled: " + s.where() + ": " + s.notCompiled()));
    assertThat(errors).as("doc snippets that do not compile").isEmpty();
    assertThat(compiled).as("compiled snippets (is the docs folder found?)").hasSizeGreaterThan(10);

    ClassLoader loader = new InMemoryClassLoader(classes, getClass().getClassLoader());
    int ran = 0;
    for (Generated g : sources.values()) {
      if (!g.snippet().run()) {
        continue;
      }
      Class<?> type = loader.loadClass(g.className());
      Constructor<?> constructor = type.getDeclaredConstructor();
      constructor.setAccessible(true);
      Object instance = constructor.newInstance();
      Method snippet = type.getDeclaredMethod("snippet");
      snippet.setAccessible(true);
      try {
        snippet.invoke(instance);
      } catch (InvocationTargetException e) {
        throw new AssertionError(g.snippet().where() + " failed when run", e.getCause());
      }
      ran++;
    }
    System.out.printf(Locale.ROOT, "doc snippets run against the test server: %d%n", ran);
    assertThat(ran).as("snippets run").isPositive();
  }

  /** The source compiled for one snippet, and where the snippet's first line lands in it. */
  private record Generated(String className, DocSnippet snippet, String source, int firstLine) {}

  /**
   * A class holding the context (fields, helper methods) and the snippet: as members when it
   * declares types or methods, else as the body of {@code Object snippet()}. The body is wrapped in
   * {@code if (true) { … }} so that a snippet may {@code return} a value (an excerpt of a handler)
   * or not, and still compile.
   */
  private static Generated generate(String className, DocSnippet s) {
    List<String> imports = new ArrayList<>();
    String context = hoistImports(s.context(), imports);
    StringBuilder code = new StringBuilder();
    for (String line : s.code().split("\n", -1)) {
      Matcher m = IMPORT.matcher(line.strip());
      if (m.matches()) {
        imports.add(line.strip());
        code.append("//").append(line).append('\n');
      } else {
        code.append(line).append('\n');
      }
    }
    StringBuilder src = new StringBuilder();
    imports.forEach(i -> src.append(i).append('\n'));
    src.append("@SuppressWarnings(\"all\")\nclass ").append(className).append(" {\n");
    src.append(context).append('\n');
    if (!s.declaresMembers()) {
      src.append("Object snippet() throws Throwable { if (true) {\n");
    }
    int firstLine = (int) src.chars().filter(c -> c == '\n').count() + 1;
    src.append(code);
    if (!s.declaresMembers()) {
      src.append("}\nreturn null;\n}\n");
    }
    src.append("}\n");
    return new Generated(className, s, src.toString(), firstLine);
  }

  private static String hoistImports(String context, List<String> imports) {
    Matcher m = IMPORT.matcher(context);
    StringBuilder rest = new StringBuilder();
    while (m.find()) {
      imports.add(m.group());
      m.appendReplacement(rest, "");
    }
    m.appendTail(rest);
    return rest.toString();
  }

  private static List<String> compile(Map<String, Generated> sources, Map<String, byte[]> classes)
      throws IOException {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    List<JavaFileObject> units = new ArrayList<>();
    Map<JavaFileObject, Generated> byUnit = new HashMap<>();
    for (Generated g : sources.values()) {
      JavaFileObject unit =
          new SimpleJavaFileObject(
              URI.create("string:///" + g.className() + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
              return g.source();
            }
          };
      units.add(unit);
      byUnit.put(unit, g);
    }
    try (StandardJavaFileManager standard =
            compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8);
        JavaFileManager files = new InMemoryOutput(standard, classes)) {
      compiler
          .getTask(
              null,
              files,
              diagnostics,
              List.of(
                  "-proc:none",
                  "-classpath",
                  System.getProperty("java.class.path"),
                  "--release",
                  "17"),
              null,
              units)
          .call();
    }
    List<String> errors = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      if (d.getKind() != Diagnostic.Kind.ERROR) {
        continue;
      }
      Generated g = byUnit.get(d.getSource());
      if (g == null) {
        errors.add(d.getMessage(Locale.ROOT));
        continue;
      }
      long offset = d.getLineNumber() - g.firstLine();
      String where =
          offset < 0
              ? g.snippet().where() + " (in its snippet-context)"
              : g.snippet().file() + ":" + (g.snippet().line() + offset);
      errors.add(where + ": " + d.getMessage(Locale.ROOT));
    }
    return errors;
  }

  private static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("docs"))) {
      dir = dir.getParent();
    }
    assertThat(dir).as("the repository root (a parent with docs/)").isNotNull();
    return dir;
  }

  /** README.md, docs/*.md, channels4j-* /README.md, interop-tests/ and benchmarks/README.md. */
  private static List<Path> markdownFiles(Path root) throws IOException {
    List<Path> files = new ArrayList<>();
    files.add(root.resolve("README.md"));
    try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
    }
    try (Stream<Path> modules = Files.list(root)) {
      modules
          .filter(p -> p.getFileName().toString().startsWith("channels4j-"))
          .map(p -> p.resolve("README.md"))
          .filter(Files::exists)
          .sorted()
          .forEach(files::add);
    }
    files.add(root.resolve("interop-tests/README.md"));
    files.add(root.resolve("benchmarks/README.md"));
    return files;
  }

  /** Keeps the compiled classes in memory. */
  private static final class InMemoryOutput extends ForwardingJavaFileManager<JavaFileManager> {
    private final Map<String, byte[]> classes;

    InMemoryOutput(JavaFileManager standard, Map<String, byte[]> classes) {
      super(standard);
      this.classes = classes;
    }

    @Override
    public JavaFileObject getJavaFileForOutput(
        Location location, String className, JavaFileObject.Kind kind, FileObject sibling) {
      return new SimpleJavaFileObject(URI.create("mem:///" + className + ".class"), kind) {
        @Override
        public OutputStream openOutputStream() {
          return new ByteArrayOutputStream() {
            @Override
            public void close() throws IOException {
              super.close();
              classes.put(className, toByteArray());
            }
          };
        }
      };
    }
  }

  private static final class InMemoryClassLoader extends ClassLoader {
    private final Map<String, byte[]> classes;

    InMemoryClassLoader(Map<String, byte[]> classes, ClassLoader parent) {
      super(parent);
      this.classes = classes;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      byte[] bytes = classes.get(name);
      if (bytes == null) {
        throw new ClassNotFoundException(name);
      }
      return defineClass(name, bytes, 0, bytes.length);
    }
  }
}
