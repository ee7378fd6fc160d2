package io.channels4j.cli;

import io.channels4j.PusherException;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/** Builds the command line and turns every failure into one line and an exit code. */
final class Cli {
  /** Success. */
  static final int OK = 0;

  /** The call or check failed (refused, unreachable, invalid webhook, failed batch events). */
  static final int FAILED = 1;

  /** The command line or its input is wrong (unknown option, bad channel name, no credentials). */
  static final int USAGE = 2;

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
                      + oneLine(ex.getMessage())
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
          io.err().println("error: " + oneLine(message));
          io.err().flush();
          return code;
        });
    return cl;
  }

  static String oneLine(String message) {
    if (message == null) {
      return "(no message)";
    }
    return message.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
  }
}
