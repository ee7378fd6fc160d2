package io.channels4j.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code channels4j webhook verify ...}. */
@Command(
    name = "webhook",
    description = "Work with webhooks.",
    subcommands = {WebhookVerifyCommand.class})
final class WebhookCommand extends BaseCommand {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "Missing required subcommand: verify");
  }
}
