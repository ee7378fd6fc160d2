package io.channels4j.interop.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A described, immutable predicate over the JSON lines that {@code clients.mjs} prints, so that a
 * wait that times out can say what it was waiting for.
 *
 * <pre>{@code
 * clients.await(mark, Line.event("c1", "my-channel", "my-event"), Duration.ofSeconds(5));
 * clients.await(mark, Line.type("error").client("c1").field("code", 4009), timeout);
 * }</pre>
 */
public final class Line implements Predicate<JsonNode> {

  private final List<Predicate<JsonNode>> checks;
  private final List<String> descriptions;

  private Line(List<Predicate<JsonNode>> checks, List<String> descriptions) {
    this.checks = List.copyOf(checks);
    this.descriptions = List.copyOf(descriptions);
  }

  /**
   * Matches every line.
   *
   * @return the matcher
   */
  public static Line any() {
    return new Line(List.of(), List.of());
  }

  /**
   * Matches lines of one type, such as {@code event}, {@code connected} or {@code
   * subscription_succeeded}.
   *
   * @param type the value of the {@code type} field
   * @return the matcher
   */
  public static Line type(String type) {
    return any().field("type", type);
  }

  /**
   * Matches an event delivered to a client on a channel.
   *
   * @param client the client name
   * @param channel the channel name
   * @param event the event name
   * @return the matcher
   */
  public static Line event(String client, String channel, String event) {
    return type("event").client(client).channel(channel).field("event", event);
  }

  /**
   * Also requires the {@code client} field.
   *
   * @param client the client name
   * @return a new matcher
   */
  public Line client(String client) {
    return field("client", client);
  }

  /**
   * Also requires the {@code channel} field.
   *
   * @param channel the channel name
   * @return a new matcher
   */
  public Line channel(String channel) {
    return field("channel", channel);
  }

  /**
   * Also requires a top-level field to equal a value (compared as JSON).
   *
   * @param name the field name
   * @param value the expected value: a string, number, boolean, or anything Jackson can convert
   * @return a new matcher
   */
  public Line field(String name, Object value) {
    JsonNode expected = Json.tree(value);
    return and(name + "=" + expected, line -> expected.equals(line.get(name)));
  }

  /**
   * Also requires a custom condition.
   *
   * @param description what the condition checks, for messages
   * @param condition the condition
   * @return a new matcher
   */
  public Line and(String description, Predicate<JsonNode> condition) {
    Objects.requireNonNull(condition, "condition");
    List<Predicate<JsonNode>> moreChecks = new ArrayList<>(checks);
    moreChecks.add(condition);
    List<String> moreDescriptions = new ArrayList<>(descriptions);
    moreDescriptions.add(description);
    return new Line(moreChecks, moreDescriptions);
  }

  @Override
  public boolean test(JsonNode line) {
    for (Predicate<JsonNode> check : checks) {
      if (!check.test(line)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return descriptions.isEmpty() ? "any line" : String.join(" & ", descriptions);
  }
}
