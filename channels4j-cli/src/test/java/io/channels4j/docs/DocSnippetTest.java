package io.channels4j.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DocSnippetTest {
  private static final Path FILE = Path.of("guide.md");

  @Test
  void readsBlocksWithTheirFirstLineAndTheFencesIndentRemoved() {
    List<DocSnippet> snippets =
        DocSnippet.parse(
            FILE,
            "# Title\n\n- item\n\n  ```java\n  int a = 1;\n    int b = 2;\n  ```\n\n```xml\n<x/>\n```\n");

    assertThat(snippets)
        .containsExactly(new DocSnippet(FILE, 6, "int a = 1;\n  int b = 2;\n", "", null, false));
  }

  @Test
  void commentsRightAboveABlockApplyToItAndFileContextToEveryLaterBlock() {
    String md =
        "<!-- snippet-file-context: Pusher pusher; -->\n"
            + "text\n"
            + "<!-- snippet-context: byte[] body;\n   String key; -->\n"
            + "<!-- snippet-run -->\n"
            + "```java\n"
            + "a();\n"
            + "```\n"
            + "<!-- not compiled: pseudo-code -->\n"
            + "```java\n"
            + "b();\n"
            + "```\n";

    List<DocSnippet> snippets = DocSnippet.parse(FILE, md);

    assertThat(snippets)
        .containsExactly(
            new DocSnippet(
                FILE, 7, "a();\n", " Pusher pusher;\n byte[] body;\n   String key;\n", null, true),
            new DocSnippet(FILE, 11, "b();\n", " Pusher pusher;\n", "pseudo-code", false));
  }

  @Test
  void aCommentSeparatedFromTheBlockByABlankLineDoesNotApply() {
    List<DocSnippet> snippets =
        DocSnippet.parse(FILE, "<!-- not compiled: far away -->\n\n```java\nx();\n```\n");

    assertThat(snippets.get(0).notCompiled()).isNull();
  }

  @Test
  void tellsTypeAndMemberDeclarationsFromStatements() {
    assertThat(snippet("import java.util.List;\n\n@RestController\nclass A {}\n").declaresMembers())
        .isTrue();
    assertThat(snippet("// a comment\nstatic final class B {}\n").declaresMembers()).isTrue();
    assertThat(snippet("@POST\npublic Response hook() { return null; }\n").declaresMembers())
        .isTrue();
    assertThat(snippet("Pusher pusher = Pusher.builder().build();\n").declaresMembers()).isFalse();
    assertThat(snippet("try (var s = start()) {\n}\n").declaresMembers()).isFalse();
  }

  private static DocSnippet snippet(String code) {
    return new DocSnippet(FILE, 1, code, "", null, false);
  }
}
