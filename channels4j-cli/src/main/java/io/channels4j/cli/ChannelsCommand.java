package io.channels4j.cli;

import io.channels4j.ChannelsQuery;
import io.channels4j.ChannelsResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code channels4j channels [--prefix P] [--user-count]}. */
@Command(name = "channels", description = "List the occupied channels.")
final class ChannelsCommand extends BaseCommand {
  @Mixin ConnectionOptions connection;

  @Option(names = "--prefix", paramLabel = "PREFIX", description = "Only channels starting so.")
  String prefix;

  @Option(
      names = "--user-count",
      description = "With each channel's user count (needs --prefix presence-).")
  boolean userCount;

  @Override
  public Integer call() {
    ChannelsQuery query = new ChannelsQuery(Optional.ofNullable(prefix), userCount, Map.of());
    ChannelsResult result = connection.call(io, pusher -> pusher.channels(query));
    Map<String, Object> sorted = new TreeMap<>();
    result.channels().forEach((c, a) -> sorted.put(c, Render.attributes(a)));
    if (json) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("channels", sorted);
      printJson(out);
    } else if (sorted.isEmpty()) {
      println("no occupied channels");
    } else {
      new TreeMap<>(result.channels())
          .forEach(
              (c, a) -> {
                String attrs = Render.attributesText(a);
                println(attrs.isEmpty() ? c : c + "  " + attrs);
              });
    }
    return Cli.OK;
  }
}
