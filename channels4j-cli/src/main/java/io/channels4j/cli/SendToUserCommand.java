package io.channels4j.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code channels4j send-to-user USER_ID -e EVENT -d DATA}. */
@Command(
    name = "send-to-user",
    description = "Send an event to every connection signed in as a user.")
final class SendToUserCommand extends BaseCommand {
  @Mixin ConnectionOptions connection;

  @Parameters(index = "0", paramLabel = "USER_ID", description = "The user.")
  String userId;

  @Mixin EventOptions event;

  @Override
  public Integer call() {
    String payload = event.payload(io);
    connection.run(io, pusher -> pusher.sendToUser(userId, event.name, payload));
    if (json) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("user_id", userId);
      out.put("event", event.name);
      out.put("sent", true);
      printJson(out);
    } else {
      println("sent \"" + event.name + "\" to user " + userId);
    }
    return Cli.OK;
  }
}
