package io.channels4j.cli;

import io.channels4j.ChannelAttribute;
import io.channels4j.ChannelAttributes;
import io.channels4j.ValidationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small conversions shared by the commands: attributes in and out, data from files. */
final class Render {
  private Render() {}

  static Map<String, Object> attributes(ChannelAttributes a) {
    Map<String, Object> m = new LinkedHashMap<>();
    a.userCount().ifPresent(n -> m.put("user_count", n));
    a.subscriptionCount().ifPresent(n -> m.put("subscription_count", n));
    return m;
  }

  static String attributesText(ChannelAttributes a) {
    List<String> parts = new ArrayList<>();
    attributes(a).forEach((k, v) -> parts.add(k + "=" + v));
    return String.join(" ", parts);
  }

  /** Parses wire names ({@code user_count,subscription_count}) into attributes. */
  static List<ChannelAttribute> parseInfo(List<String> names) {
    List<ChannelAttribute> out = new ArrayList<>();
    if (names == null) {
      return out;
    }
    for (String name : names) {
      ChannelAttribute found = null;
      for (ChannelAttribute a : ChannelAttribute.values()) {
        if (a.wireName().equals(name.strip())) {
          found = a;
        }
      }
      if (found == null) {
        throw new ValidationException(
            "--info must name user_count, subscription_count or cache, but names '" + name + "'");
      }
      out.add(found);
    }
    return out;
  }

  /** Reads a data argument: {@code @FILE} is a file's content, {@code -} is stdin, else itself. */
  static String data(String spec, Io io) {
    try {
      if (spec.equals("-")) {
        return stripNewline(new String(io.readStdin("--data -"), StandardCharsets.UTF_8));
      }
      if (spec.startsWith("@")) {
        return stripNewline(Files.readString(Path.of(spec.substring(1)), StandardCharsets.UTF_8));
      }
      return spec;
    } catch (NoSuchFileException e) {
      throw new CliException(Cli.USAGE, "no such file: " + e.getFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + spec + ": " + e.getMessage(), e);
    }
  }

  /** Editors end files with a newline that is not part of the payload. */
  private static String stripNewline(String s) {
    return s.endsWith("\r\n")
        ? s.substring(0, s.length() - 2)
        : s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
  }
}
