package io.channels4j.auth;

import io.channels4j.internal.JsonText;
import java.util.Objects;

/**
 * The answer to a user authentication (sign-in) request, from {@link
 * io.channels4j.Pusher#authenticateUser}. Return {@link #toJson()} as the body of the user-auth
 * endpoint's response, with content type {@code application/json}.
 *
 * @param auth {@code KEY:SIGNATURE}
 * @param userData the exact JSON text that was signed
 */
public record UserAuthentication(String auth, String userData) {

  /** Rejects nulls. */
  public UserAuthentication {
    Objects.requireNonNull(auth, "auth");
    Objects.requireNonNull(userData, "userData");
  }

  /**
   * Renders the response body the Pusher client expects: {@code {"auth":…,"user_data":…}}. The text
   * is pure ASCII (other characters are escaped), so it survives a response written in any charset.
   *
   * @return the JSON text
   */
  public String toJson() {
    StringBuilder sb = new StringBuilder(32 + auth.length() + userData.length() * 5 / 4);
    sb.append("{\"auth\":");
    JsonText.appendString(sb, auth, true);
    sb.append(",\"user_data\":");
    JsonText.appendString(sb, userData, true);
    return sb.append('}').toString();
  }
}
