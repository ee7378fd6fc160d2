package io.channels4j.cli;

/**
 * Makes text from elsewhere (a request's method or path, a webhook's event data) safe to print on a
 * terminal, where an ESC, CR or other control character would move the cursor, rewrite earlier
 * lines or change the terminal's state.
 */
final class Terminal {
  private Terminal() {}

  /**
   * Escapes the backslash and every control character, so that the output is unambiguous: {@code
   * \\}, {@code \r}, {@code \n}, {@code \t}; other C0 characters and DEL as {@code \xHH}; C1
   * characters, Unicode's line and paragraph separators and its bidirectional controls (which
   * reorder what is shown) as a backslash, {@code u} and four hex digits. All else is kept.
   */
  static String escape(String text) {
    StringBuilder sb = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String replacement = replacement(c);
      if (replacement != null && sb == null) {
        sb = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      if (sb != null) {
        if (replacement != null) {
          sb.append(replacement);
        } else {
          sb.append(c);
        }
      }
    }
    return sb == null ? text : sb.toString();
  }

  private static String replacement(char c) {
    switch (c) {
      case '\\':
        return "\\\\";
      case '\r':
        return "\\r";
      case '\n':
        return "\\n";
      case '\t':
        return "\\t";
      default:
        break;
    }
    if (c < 0x20 || c == 0x7f) {
      return String.format("\\x%02x", (int) c);
    }
    if ((c >= 0x80 && c <= 0x9f)
        || c == '\u2028'
        || c == '\u2029'
        || (c >= '\u202a' && c <= '\u202e')
        || (c >= '\u2066' && c <= '\u2069')) {
      return String.format("\\u%04x", (int) c);
    }
    return null;
  }
}
