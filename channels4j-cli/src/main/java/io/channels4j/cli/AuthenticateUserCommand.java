package io.channels4j.cli;

import io.channels4j.auth.UserData;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code channels4j authenticate-user --socket-id S --user-id U [--user-info JSON]}. */
@Command(
    name = "authenticate-user",
    description = {
      "Print the auth JSON that signs a user in.",
      "It is what your user-authentication endpoint must return for the client's signin:",
      "compare it with what a client received."
    })
final class AuthenticateUserCommand extends BaseCommand {
  @Mixin ConnectionOptions connection;

  @Option(
      names = "--socket-id",
      required = true,
      paramLabel = "SOCKET_ID",
      description = "The connection's socket id, e.g. 1234.5678.")
  String socketId;

  @Option(names = "--user-id", required = true, paramLabel = "USER_ID", description = "The user.")
  String userId;

  @Option(names = "--user-info", paramLabel = "JSON", description = "The user's info.")
  String userInfo;

  @Option(
      names = "--watchlist",
      split = ",",
      paramLabel = "USER_ID",
      description = "Users whose online status this user watches.")
  List<String> watchlist;

  @Override
  public Integer call() {
    UserData user = user();
    println(connection.call(io, pusher -> pusher.authenticateUser(socketId, user)).toJson());
    return Cli.OK;
  }

  private UserData user() {
    UserData user = UserData.of(userId);
    if (userInfo != null) {
      user = user.withUserInfo(JsonInput.value("--user-info", userInfo));
    }
    if (watchlist != null) {
      user = user.withWatchlist(watchlist);
    }
    return user;
  }
}
