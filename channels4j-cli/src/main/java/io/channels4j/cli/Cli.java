package io.channels4j.cli;

import io.channels4j.PusherException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Builds the command line and turns every failure into one line and an exit code. */
final class Cli {
  /** Success. */
  static final int OK = 0;

  /** The call or check failed (refused, unreachable, invalid webhook, failed batch events). */
  static final int FAILED = 1;

  /** The command line or its input is wrong (unknown option, bad channel name, no credentials). */
  static final int USAGE = 2;

  /** A URL's scheme and user info (up to the token's last {@code @}): the part that is hidden. */
  private static final Pattern URL_USER_INFO =
      Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)[^\\s'\"]*@");

  private Cli() {}

  static int run(String[] args, Io io) {
    return commandLine(io).execute(args);
  }

  static CommandLine commandLine(Io io) {
    CommandLine.IFactory factory =
        new CommandLine.IFactory() {
          @Override
          public <K> K create(Class<K> cls) throws Exception {
            K made = CommandLine.defaultFactory().create(cls);
            if (made instanceof BaseCommand command) {
              command.io = io;
            }
            return made;
          }
        };
    RootCommand root = new RootCommand();
    root.io = io;
    CommandLine cl = new CommandLine(root, factory);
    cl.setExpandAtFiles(false); // -d @FILE is the data's file, not picocli's argument file
    cl.setOut(io.out());
    cl.setErr(io.err());
    cl.setParameterExceptionHandler(
        (ex, args) -> {
          io.err()
              .println(
                  "error: "
                      + redact(oneLine(ex.getMessage()), Arrays.asList(args), io.env())
                      + " (see '"
                      + ex.getCommandLine().getCommandSpec().qualifiedName()
                      + " --help')");
          io.err().flush();
          return USAGE;
        });
    cl.setExecutionExceptionHandler(
        (ex, cmd, parsed) -> {
          int code;
          String message;
          if (ex instanceof CliException c) {
            code = c.exitCode();
            message = c.getMessage();
          } else if (ex instanceof IllegalArgumentException) {
            code = USAGE; // ValidationException: bad input, refused before any request
            message = ex.getMessage();
          } else if (ex instanceof PusherException || ex instanceof UncheckedIOException) {
            code = FAILED;
            message = ex.getMessage();
          } else {
            code = FAILED;
            message = ex.getClass().getSimpleName() + ": " + ex.getMessage();
          }
          io.err().println("error: " + redact(oneLine(message), parsed.originalArgs(), io.env()));
          io.err().flush();
          return code;
        });
    return cl;
  }

  /**
   * Hides secrets in an error message before it is printed. The library never puts one in a
   * message, but picocli repeats arguments it cannot place (a URL given where no argument belongs),
   * so: the user info of any URL is hidden, and so is every secret given on this command line or in
   * {@code PUSHER_URL}, wherever it appears.
   */
  static String redact(String message, Iterable<String> args, Map<String, String> env) {
    Set<String> secrets =
        new TreeSet<>(
            Comparator.comparingInt(String::length)
                .reversed()
                .thenComparing(Comparator.naturalOrder()));
    boolean secretNext = false;
    for (String arg : args) {
      if (secretNext) {
        secrets.add(arg);
      } else if (arg.startsWith("--secret=")) {
        secrets.add(arg.substring("--secret=".length()));
      }
      secretNext = arg.equals("--secret");
      addUrlSecret(arg, secrets);
    }
    addUrlSecret(env.get(ConnectionOptions.ENV), secrets);
    String redacted =
        URL_USER_INFO.matcher(message).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "…@"));
    for (String secret : secrets) {
      if (!secret.isEmpty()) {
        redacted = redacted.replace(secret, "***");
      }
    }
    return redacted;
  }

  /** The secret of a {@code scheme://KEY:SECRET@host} value, raw and percent-decoded. */
  private static void addUrlSecret(String value, Set<String> secrets) {
    if (value == null) {
      return;
    }
    int scheme = value.indexOf("://");
    int at = value.lastIndexOf('@');
    if (scheme < 0 || at < scheme) {
      return;
    }
    int colon = value.indexOf(':', scheme + 3);
    if (colon > 0 && colon < at) {
      String raw = value.substring(colon + 1, at);
      secrets.add(raw);
      try {
        secrets.add(URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException malformed) {
        // the raw form is hidden; a malformed escape has no decoded form to hide
      }
    }
  }

  static String oneLine(String message) {
    if (message == null) {
      return "(no message)";
    }
    return message.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
  }
}
