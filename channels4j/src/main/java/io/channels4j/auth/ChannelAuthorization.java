package io.channels4j.auth;

import io.channels4j.internal.JsonText;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer to a channel authorization request, from {@link
 * io.channels4j.Pusher#authorizeChannel(String, String)} or its presence twin. Return {@link
 * #toJson()} as the body of the auth endpoint's response, with content type {@code
 * application/json}.
 *
 * @param auth {@code KEY:SIGNATURE}
 * @param channelData on presence channels, the exact JSON text that was signed
 * @param sharedSecret on {@code private-encrypted-} channels, the channel's key in padded base64;
 *     send it only to the client being authorized
 */
public record ChannelAuthorization(
    String auth, Optional<String> channelData, Optional<String> sharedSecret) {

  /** Rejects nulls. */
  public ChannelAuthorization {
    Objects.requireNonNull(auth, "auth");
    Objects.requireNonNull(channelData, "channelData");
    Objects.requireNonNull(sharedSecret, "sharedSecret");
  }

  /**
   * Renders the response body the Pusher client expects: {@code {"auth":…}}, plus {@code
   * channel_data} and {@code shared_secret} when present, in that order. The text is pure ASCII
   * (other characters are escaped), so it survives a response written in any charset.
   *
   * @return the JSON text
   */
  public String toJson() {
    StringBuilder sb =
        new StringBuilder(
            16
                + auth.length()
                + channelData.map(d -> d.length() * 5 / 4 + 20).orElse(0)
                + (sharedSecret.isPresent() ? 64 : 0));
    sb.append("{\"auth\":");
    JsonText.appendString(sb, auth, true);
    if (channelData.isPresent()) {
      sb.append(",\"channel_data\":");
      JsonText.appendString(sb, channelData.get(), true);
    }
    if (sharedSecret.isPresent()) {
      sb.append(",\"shared_secret\":");
      JsonText.appendString(sb, sharedSecret.get(), true);
    }
    return sb.append('}').toString();
  }

  /** Shows the auth and channel data, never the shared secret. */
  @Override
  public String toString() {
    return "ChannelAuthorization[auth="
        + auth
        + ", channelData="
        + channelData.orElse("<none>")
        + ", sharedSecret="
        + (sharedSecret.isPresent() ? "<redacted>" : "<none>")
        + "]";
  }
}
