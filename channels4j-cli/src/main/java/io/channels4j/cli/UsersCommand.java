package io.channels4j.cli;

import io.channels4j.PresenceUser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code channels4j users PRESENCE_CHANNEL}. */
@Command(name = "users", description = "List the users on a presence channel.")
final class UsersCommand extends BaseCommand {
  @Mixin ConnectionOptions connection;

  @Parameters(index = "0", paramLabel = "CHANNEL", description = "A presence- channel.")
  String channel;

  @Override
  public Integer call() {
    List<PresenceUser> users = connection.call(io, pusher -> pusher.users(channel));
    if (json) {
      List<Map<String, Object>> list = new ArrayList<>();
      users.forEach(u -> list.add(Map.of("id", u.id())));
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("users", list);
      printJson(out);
    } else if (users.isEmpty()) {
      println("no users on " + channel);
    } else {
      users.forEach(u -> println(u.id()));
    }
    return Cli.OK;
  }
}
