package io.channels4j.cli;

import io.channels4j.ChannelAttribute;
import io.channels4j.ChannelInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code channels4j channel NAME [--info ...]}. */
@Command(name = "channel", description = "Show the state of one channel.")
final class ChannelCommand extends BaseCommand {
  @Mixin ConnectionOptions connection;

  @Parameters(index = "0", paramLabel = "CHANNEL", description = "The channel.")
  String channel;

  @Option(
      names = "--info",
      split = ",",
      paramLabel = "ATTR",
      description = "Ask for user_count, subscription_count and/or cache.")
  List<String> info;

  @Override
  public Integer call() {
    ChannelAttribute[] attributes = Render.parseInfo(info).toArray(new ChannelAttribute[0]);
    ChannelInfo state = connection.call(io, pusher -> pusher.channel(channel, attributes));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("channel", channel);
    out.put("occupied", state.occupied());
    state.userCount().ifPresent(n -> out.put("user_count", n));
    state.subscriptionCount().ifPresent(n -> out.put("subscription_count", n));
    state
        .cache()
        .ifPresent(
            c -> {
              Map<String, Object> cache = new LinkedHashMap<>();
              cache.put("data", c.data());
              cache.put("ttl", c.ttl().toSeconds());
              out.put("cache", cache);
            });
    if (json) {
      printJson(out);
    } else {
      out.forEach((k, v) -> println(k + ": " + v));
    }
    return Cli.OK;
  }
}
