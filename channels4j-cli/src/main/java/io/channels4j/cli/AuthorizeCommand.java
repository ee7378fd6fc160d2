package io.channels4j.cli;

import io.channels4j.auth.ChannelAuthorization;
import io.channels4j.auth.PresenceMember;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code channels4j authorize --socket-id S --channel C [--user-id U [--user-info JSON]]}. */
@Command(
    name = "authorize",
    description = {
      "Print the auth JSON for a private, presence or private-encrypted- channel.",
      "It is what your auth endpoint must return: compare it with what a client received.",
      "An encrypted channel's answer carries its shared_secret: give the master key."
    },
    footer = {
      "",
      "Example: channels4j authorize --socket-id 1234.5678 --channel presence-room \\",
      "           --user-id alice --user-info '{\"name\":\"Alice\"}'"
    })
final class AuthorizeCommand extends BaseCommand {
  @Mixin ConnectionOptions connection;

  @Mixin EncryptionOptions encryption;

  @Option(
      names = "--socket-id",
      required = true,
      paramLabel = "SOCKET_ID",
      description = "The connection's socket id, e.g. 1234.5678.")
  String socketId;

  @Option(
      names = "--channel",
      required = true,
      paramLabel = "CHANNEL",
      description = "The channel.")
  String channel;

  @Option(
      names = "--user-id",
      paramLabel = "USER_ID",
      description = "The member joining a presence channel.")
  String userId;

  @Option(names = "--user-info", paramLabel = "JSON", description = "The member's user info.")
  String userInfo;

  @Override
  public Integer call() {
    if (userInfo != null && userId == null) {
      throw new CliException(Cli.USAGE, "--user-info needs --user-id");
    }
    encryption.requireFor(List.of(channel), io);
    ChannelAuthorization auth =
        connection.call(
            io,
            encryption,
            pusher ->
                userId == null
                    ? pusher.authorizeChannel(socketId, channel)
                    : pusher.authorizeChannel(socketId, channel, member()));
    println(auth.toJson());
    return Cli.OK;
  }

  private PresenceMember member() {
    return userInfo == null
        ? PresenceMember.of(userId)
        : PresenceMember.of(userId, JsonInput.value("--user-info", userInfo));
  }
}
