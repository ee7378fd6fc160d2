package io.channels4j.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code channels4j}: lists the commands. */
@Command(
    name = "channels4j",
    description = {
      "Talk to the Pusher Channels HTTP API (or soketi and other compatible servers).",
      "Credentials: $PUSHER_URL, or --app-id/--key with --secret-file FILE (- reads",
      "stdin), or --url URL. --secret works but shows in ps and shell history.",
      "Encrypted channels: --encryption-master-key-file FILE or",
      "$" + EncryptionOptions.ENV + ".",
      "Shell completion: source <(channels4j completion).",
      "New here? Run 'channels4j demo': it needs no account."
    },
    subcommands = {
      TriggerCommand.class,
      BatchCommand.class,
      ChannelsCommand.class,
      ChannelCommand.class,
      UsersCommand.class,
      AuthorizeCommand.class,
      AuthenticateUserCommand.class,
      WebhookCommand.class,
      SendToUserCommand.class,
      TerminateCommand.class,
      ServeCommand.class,
      DemoCommand.class,
      CompletionCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:the request or check failed (refused, unreachable, invalid webhook, failed events)",
      "2:wrong usage or input (unknown option, invalid channel name, no credentials)"
    })
final class RootCommand extends BaseCommand {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(io.err());
    return Cli.USAGE;
  }
}
