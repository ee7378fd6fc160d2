package io.channels4j.cli;

import io.channels4j.Pusher;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code channels4j send-to-user USER_ID -e EVENT -d DATA}. */
@Command(
    name = "send-to-user",
    description = "Send an event to every connection signed in as a user.")
final class SendToUserCommand extends BaseCommand {
  @Mixin ConnectionOptions connection;

  @Parameters(index = "0", paramLabel = "USER_ID", description = "The user.")
  String userId;

  @Option(
      names = {"-e", "--event"},
      required = true,
      paramLabel = "NAME",
      description = "The event name.")
  String event;

  @Option(
      names = {"-d", "--data"},
      paramLabel = "DATA",
      defaultValue = "{}",
      description = "The data, sent as is; @FILE reads a file, - reads stdin (default: {}).")
  String data;

  @Override
  public Integer call() {
    String payload = Render.data(data, io);
    try (Pusher pusher = connection.client(io)) {
      pusher.sendToUser(userId, event, payload);
    }
    if (json) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("user_id", userId);
      out.put("event", event);
      out.put("sent", true);
      printJson(out);
    } else {
      println("sent \"" + event + "\" to user " + userId);
    }
    return Cli.OK;
  }
}
