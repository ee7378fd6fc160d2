package io.channels4j.internal.calls;

import io.channels4j.Pusher;
import io.channels4j.internal.Caller;
import java.util.Objects;
import java.util.function.Function;

/**
 * A client's caller and event calls, for the other packages of this module (the bulk publisher)
 * without widening the public API: {@link Pusher} registers how to reach them when its class is
 * initialized, which has happened before anyone holds a client.
 *
 * @param caller the client's caller
 * @param events the client's event calls
 */
public record ClientParts(Caller caller, EventCalls events) {
  private static volatile Function<Pusher, ClientParts> opener;

  /**
   * Called once, by {@link Pusher}'s static initializer.
   *
   * @param parts how to reach a client's parts
   */
  public static synchronized void register(Function<Pusher, ClientParts> parts) {
    if (opener == null) {
      opener = Objects.requireNonNull(parts, "parts");
    }
  }

  /**
   * The parts of a client.
   *
   * @param pusher the client
   * @return its caller and event calls
   */
  public static ClientParts of(Pusher pusher) {
    return opener.apply(Objects.requireNonNull(pusher, "pusher"));
  }
}
