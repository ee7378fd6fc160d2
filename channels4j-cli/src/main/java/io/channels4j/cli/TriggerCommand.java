package io.channels4j.cli;

import io.channels4j.ChannelAttribute;
import io.channels4j.TriggerOptions;
import io.channels4j.TriggerResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code channels4j trigger CHANNEL... -e EVENT -d DATA}. */
@Command(
    name = "trigger",
    description = {
      "Send an event to 1 to 100 channels.",
      "An event for a private-encrypted- channel goes to that channel alone, encrypted with",
      "the master key (--encryption-master-key-file or $" + EncryptionOptions.ENV + ")."
    },
    footer = {
      "",
      "Example: channels4j trigger my-channel -e greeting -d '{\"message\":\"hi\"}'",
      "         channels4j trigger private-encrypted-orders -e created -d @order.json \\",
      "           --encryption-master-key-file master.key"
    })
final class TriggerCommand extends BaseCommand {
  @Mixin ConnectionOptions connection;

  @Parameters(arity = "1..*", paramLabel = "CHANNEL", description = "The channels.")
  List<String> channels;

  @Mixin EventOptions event;

  @Mixin EncryptionOptions encryption;

  @Option(
      names = "--exclude",
      paramLabel = "SOCKET_ID",
      description = "A connection that must not receive it.")
  String exclude;

  @Option(
      names = "--info",
      split = ",",
      paramLabel = "ATTR",
      description = "Ask for user_count and/or subscription_count.")
  List<String> info;

  @Override
  public Integer call() {
    TriggerOptions options = options();
    encryption.requireFor(channels, io);
    String payload = event.payload(io);
    TriggerResult result =
        connection.call(
            io, encryption, pusher -> pusher.trigger(channels, event.name, payload, options));
    if (json) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("event", event.name);
      out.put("channels", channels);
      Map<String, Object> infos = new LinkedHashMap<>();
      result.channels().forEach((c, a) -> infos.put(c, Render.attributes(a)));
      out.put("info", infos);
      printJson(out);
    } else {
      println("sent \"" + event.name + "\" to " + String.join(", ", channels));
      result.channels().forEach((c, a) -> println("  " + c + ": " + Render.attributesText(a)));
    }
    return Cli.OK;
  }

  /** The options of {@code --exclude} and {@code --info}. */
  private TriggerOptions options() {
    TriggerOptions options = TriggerOptions.none();
    if (exclude != null) {
      options = options.withExcludedSocket(exclude);
    }
    List<ChannelAttribute> attrs = Render.parseInfo(info);
    if (!attrs.isEmpty()) {
      options =
          options.withInfo(
              attrs.get(0), attrs.subList(1, attrs.size()).toArray(new ChannelAttribute[0]));
    }
    return options;
  }
}
