package io.channels4j.internal;

import io.channels4j.ValidationException;
import io.channels4j.spi.PayloadEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.jspecify.annotations.Nullable;

/**
 * Which {@link PayloadEncoder} turns a caller's object into JSON text.
 *
 * <p>A configured encoder ({@code Pusher.Builder.payloadEncoder}) encodes every payload that is not
 * a {@link String}, so the application's JSON rules apply to maps too. Without one, the core writes
 * plain values itself (maps with string keys, lists, strings, numbers, booleans, null) with
 * Jackson's streaming generator, exactly as Jackson databind's default mapper would; anything else
 * goes to the one encoder found with {@link ServiceLoader} ({@code channels4j-jackson2} or {@code
 * channels4j-jackson3} provide one), looked for on the first such payload. With none, the error
 * says what to add, before any request is made.
 */
public final class Encoders {
  private Encoders() {}

  /**
   * The encoder of payloads.
   *
   * @param configured the configured encoder, or null
   * @return the encoder to use
   */
  public static PayloadEncoder payloads(@Nullable PayloadEncoder configured) {
    if (configured != null) {
      return configured;
    }
    PayloadEncoder others = discovered();
    return data -> {
      try {
        return Json.writePlain(data, false);
      } catch (Json.Unsupported unsupported) {
        return others.encode(data);
      }
    };
  }

  /**
   * The encoder for what the core cannot write itself: the configured one, else one found with
   * {@link ServiceLoader}, else one that refuses with a message naming the fix.
   *
   * @param configured the configured encoder, or null
   * @return the encoder
   */
  public static PayloadEncoder fallback(@Nullable PayloadEncoder configured) {
    return configured != null ? configured : discovered();
  }

  /** Looks for a provider once, on the first payload that needs one. */
  private static PayloadEncoder discovered() {
    return new PayloadEncoder() {
      private volatile @Nullable PayloadEncoder found;

      @Override
      public String encode(Object data) {
        PayloadEncoder e = found;
        if (e == null) {
          e = find();
          found = e;
        }
        return e.encode(data);
      }
    };
  }

  private static PayloadEncoder find() {
    List<PayloadEncoder> providers = new ArrayList<>(2);
    try {
      for (PayloadEncoder p : ServiceLoader.load(PayloadEncoder.class)) {
        providers.add(p);
      }
    } catch (ServiceConfigurationError e) {
      String why = e.getMessage();
      return data -> {
        throw new ValidationException(
            "data of type "
                + data.getClass().getName()
                + " needs a payload encoder, but the one on the class path failed to load ("
                + why
                + "); set one with Pusher.builder().payloadEncoder(...)");
      };
    }
    if (providers.size() == 1) {
      return providers.get(0);
    }
    if (providers.size() > 1) {
      List<String> names = new ArrayList<>();
      providers.forEach(p -> names.add(p.getClass().getName()));
      return data -> {
        throw new ValidationException(
            "data of type "
                + data.getClass().getName()
                + " needs a payload encoder, and several are on the class path "
                + names
                + ": choose one with Pusher.builder().payloadEncoder(...)");
      };
    }
    return data -> {
      throw new ValidationException(
          "data of type "
              + data.getClass().getName()
              + " needs a payload encoder: channels4j writes Map, List, String, Number, Boolean and"
              + " null itself, and anything else with Jackson databind. Add"
              + " io.channels4j:channels4j-jackson3 (Jackson 3) or io.channels4j:channels4j-jackson2"
              + " (Jackson 2) to the application, or set Pusher.builder().payloadEncoder(...); or"
              + " pass the data as a Map or as JSON text (a String is sent as is)");
    };
  }
}
