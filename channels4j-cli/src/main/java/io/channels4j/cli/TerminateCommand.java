package io.channels4j.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code channels4j terminate USER_ID}. */
@Command(name = "terminate", description = "Close every connection signed in as a user.")
final class TerminateCommand extends BaseCommand {
  @Mixin ConnectionOptions connection;

  @Parameters(index = "0", paramLabel = "USER_ID", description = "The user.")
  String userId;

  @Override
  public Integer call() {
    connection.run(io, pusher -> pusher.terminateUserConnections(userId));
    if (json) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("user_id", userId);
      out.put("terminated", true);
      printJson(out);
    } else {
      println("terminated the connections of user " + userId);
    }
    return Cli.OK;
  }
}
