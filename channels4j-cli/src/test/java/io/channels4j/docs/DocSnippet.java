package io.channels4j.docs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code ```java} block of a markdown file, with the HTML comments that tell {@link
 * DocSnippetsTest} how to compile it. The comments stay invisible on GitHub:
 *
 * <ul>
 *   <li>{@code <!-- snippet-file-context: ... -->} anywhere in a file: imports and class members
 *       (fields such as {@code Pusher pusher;}, helper methods) every later snippet of the file may
 *       rely on;
 *   <li>{@code <!-- snippet-context: ... -->} on the lines right above a block: the same, for that
 *       block only;
 *   <li>{@code <!-- snippet-run -->} right above a block: also run it (only for snippets that are
 *       safe on loopback, such as those using the testkit's embedded server);
 *   <li>{@code <!-- not compiled: reason -->} right above a block: the block is not Java that can
 *       compile (pseudo-code, or code that needs classes nobody publishes); counted and printed.
 * </ul>
 *
 * @param file the markdown file
 * @param line 1-based line of the first code line (the one after the fence)
 * @param code the code, with the fence's indentation removed
 * @param context imports and members from the file's and the block's context comments
 * @param notCompiled the reason given in a {@code not compiled} comment, or null
 * @param run whether a {@code snippet-run} comment asks to run it
 */
record DocSnippet(
    Path file, int line, String code, String context, String notCompiled, boolean run) {

  private static final Pattern FENCE = Pattern.compile("^(\\s*)```java\\s*$");
  private static final Pattern TYPE_OR_MEMBER =
      Pattern.compile(
          "^(@|(public|protected|private|static|abstract|sealed|non-sealed|class|record"
              + "|interface|enum)\\b)");

  /** Whether the code declares types or members (rather than being statements). */
  boolean declaresMembers() {
    for (String l : code.split("\n", -1)) {
      String t = l.strip();
      if (t.isEmpty()
          || t.startsWith("//")
          || t.startsWith("/*")
          || t.startsWith("*")
          || t.startsWith("import ")
          || t.startsWith("package ")) {
        continue;
      }
      return TYPE_OR_MEMBER.matcher(t).find();
    }
    return false;
  }

  /** Every {@code ```java} block of a markdown text, in order. */
  static List<DocSnippet> parse(Path file, String markdown) {
    String[] lines = markdown.split("\n", -1);
    List<DocSnippet> snippets = new ArrayList<>();
    StringBuilder fileContext = new StringBuilder();
    List<Comment> above = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      String trimmed = lines[i].strip();
      if (trimmed.startsWith("<!--")) {
        int start = i;
        StringBuilder text = new StringBuilder(trimmed);
        while (!text.toString().contains("-->") && i + 1 < lines.length) {
          text.append('\n').append(lines[++i]);
        }
        String body = text.substring(4, text.indexOf("-->")).strip();
        if (body.startsWith("snippet-file-context:")) {
          fileContext.append(body.substring("snippet-file-context:".length())).append('\n');
        } else {
          if (above.isEmpty() || above.get(above.size() - 1).endLine() != start - 1) {
            above.clear();
          }
          above.add(new Comment(body, i));
        }
        continue;
      }
      Matcher fence = FENCE.matcher(lines[i]);
      if (!fence.matches()) {
        above.clear();
        continue;
      }
      boolean attached = !above.isEmpty() && above.get(above.size() - 1).endLine() == i - 1;
      String context = fileContext.toString();
      String notCompiled = null;
      boolean run = false;
      for (Comment c : attached ? above : List.<Comment>of()) {
        if (c.text().startsWith("snippet-context:")) {
          context += c.text().substring("snippet-context:".length()) + "\n";
        } else if (c.text().startsWith("not compiled:")) {
          notCompiled = c.text().substring("not compiled:".length()).strip();
        } else if (c.text().equals("snippet-run")) {
          run = true;
        }
      }
      above.clear();
      int indent = fence.group(1).length();
      int first = i + 1;
      StringBuilder code = new StringBuilder();
      for (i = first; i < lines.length && !lines[i].strip().equals("```"); i++) {
        String l = lines[i];
        int cut = 0;
        while (cut < indent && cut < l.length() && l.charAt(cut) == ' ') {
          cut++;
        }
        code.append(l.substring(cut)).append('\n');
      }
      snippets.add(new DocSnippet(file, first + 1, code.toString(), context, notCompiled, run));
    }
    return snippets;
  }

  /** Where the snippet is, as {@code file:line}. */
  String where() {
    return file + ":" + line;
  }

  private record Comment(String text, int endLine) {}
}
