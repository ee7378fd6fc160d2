package io.channels4j.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The library's version, from a resource Maven fills in at build time. */
final class Version {
  /** The version, or {@code dev} when run from sources without Maven's resource filtering. */
  static final String VERSION = load();

  /** The {@code X-Pusher-Library} header value. */
  static final String LIBRARY_HEADER = "channels4j " + VERSION;

  private Version() {}

  private static String load() {
    try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "dev";
      }
      Properties p = new Properties();
      p.load(in);
      String v = p.getProperty("version", "dev");
      return v.startsWith("${") ? "dev" : v;
    } catch (IOException e) {
      return "dev";
    }
  }
}
