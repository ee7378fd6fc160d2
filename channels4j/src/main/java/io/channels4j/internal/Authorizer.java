package io.channels4j.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.channels4j.ValidationException;
import io.channels4j.auth.ChannelAuthorization;
import io.channels4j.auth.PresenceMember;
import io.channels4j.auth.UserAuthentication;
import io.channels4j.auth.UserData;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Signs channel authorizations and user authentications.
 *
 * <p>Every input is validated before it is signed: socket ids are digits, a dot and digits, channel
 * names use the channel charset, so no caller can slip a {@code :} or a line feed into the string
 * to sign and forge an authorization for another channel or user. This runs on every subscription,
 * so the hot path builds its bytes and JSON by hand rather than with regexes or a generator.
 */
public final class Authorizer {
  private static final String PRIVATE_PREFIX = "private-";
  private static final String PRESENCE_PREFIX = "presence-";
  private static final String ENCRYPTED_PREFIX = "private-encrypted-";
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private static final String[] CHANNEL_FORM = {"socket_id", "channel_name"};
  private static final String[] USER_FORM = {"socket_id"};
  // Lower-case hex in unicode escapes, as JSON.stringify writes them, so that channel_data and
  // user_data are the very text the Node library signs for the same user info.
  private static final ObjectWriter USER_INFO_WRITER =
      Json.MAPPER.writer().without(JsonWriteFeature.WRITE_HEX_UPPER_CASE);

  private final String key;
  private final Hmac hmac;
  private final Function<String, byte[]> sharedSecrets;

  /**
   * Creates an authorizer.
   *
   * @param key the app key, the prefix of every {@code auth}
   * @param hmac the HMAC under the app secret
   * @param sharedSecrets the 32-byte key of a {@code private-encrypted-} channel; throws when
   *     encryption is not configured
   */
  public Authorizer(String key, Hmac hmac, Function<String, byte[]> sharedSecrets) {
    this.key = Objects.requireNonNull(key, "key");
    this.hmac = Objects.requireNonNull(hmac, "hmac");
    this.sharedSecrets = Objects.requireNonNull(sharedSecrets, "sharedSecrets");
  }

  /**
   * Authorizes a {@code private-} or {@code private-encrypted-} channel.
   *
   * @param socketId the connection's socket id
   * @param channel the channel
   * @return the authorization, with the shared secret on encrypted channels
   */
  public ChannelAuthorization authorizeChannel(String socketId, String channel) {
    Validate.socketId("socketId", socketId);
    Validate.channel("channel", channel);
    if (!channel.startsWith(PRIVATE_PREFIX)) {
      throw new ValidationException(
          channel.startsWith(PRESENCE_PREFIX)
              ? "channel "
                  + channel
                  + " is a presence channel: authorize it with a PresenceMember"
                  + " (authorizeChannel(socketId, channel, member))"
              : "channel must start with private- or private-encrypted- (public channels need no"
                  + " authorization), but is "
                  + channel);
    }
    // Both parts are validated ASCII, so they are copied straight into the bytes to sign.
    int s = socketId.length();
    int c = channel.length();
    byte[] message = new byte[s + 1 + c];
    copyAscii(socketId, message, 0);
    message[s] = ':';
    copyAscii(channel, message, s + 1);
    String auth = auth(hmac.mac(message));
    if (!channel.startsWith(ENCRYPTED_PREFIX)) {
      return new ChannelAuthorization(auth, Optional.empty(), Optional.empty());
    }
    return new ChannelAuthorization(auth, Optional.empty(), Optional.of(sharedSecret(channel)));
  }

  /**
   * Authorizes a {@code presence-} channel for a member.
   *
   * @param socketId the connection's socket id
   * @param channel the channel
   * @param member who joins
   * @return the authorization, with the signed {@code channel_data}
   */
  public ChannelAuthorization authorizeChannel(
      String socketId, String channel, PresenceMember member) {
    Validate.socketId("socketId", socketId);
    Validate.channel("channel", channel);
    if (member == null) {
      throw new ValidationException("member must not be null");
    }
    if (!channel.startsWith(PRESENCE_PREFIX)) {
      throw new ValidationException(
          channel.startsWith(PRIVATE_PREFIX)
              ? "channel "
                  + channel
                  + " is not a presence channel: authorize it without a PresenceMember"
                  + " (authorizeChannel(socketId, channel))"
              : "channel must start with presence- to be authorized with a PresenceMember, but is "
                  + channel);
    }
    String channelData = channelData(member);
    return new ChannelAuthorization(
        sign(socketId + ':' + channel + ':' + channelData),
        Optional.of(channelData),
        Optional.empty());
  }

  /**
   * Authenticates a user for sign-in.
   *
   * @param socketId the connection's socket id
   * @param user who signs in
   * @return the authentication, with the signed {@code user_data}
   */
  public UserAuthentication authenticateUser(String socketId, UserData user) {
    Validate.socketId("socketId", socketId);
    if (user == null) {
      throw new ValidationException("user must not be null");
    }
    String userData = userData(user);
    return new UserAuthentication(sign(socketId + "::user::" + userData), userData);
  }

  /**
   * {@link #authorizeChannel(String, String)} from a posted form body.
   *
   * @param formBody {@code socket_id=…&channel_name=…}
   * @return the authorization
   */
  public ChannelAuthorization authorizeChannelFromForm(String formBody) {
    String[] f = FormBody.fields(formBody, CHANNEL_FORM);
    return authorizeChannel(
        Validate.socketId("socket_id", f[0]), Validate.channel("channel_name", f[1]));
  }

  /**
   * {@link #authorizeChannel(String, String, PresenceMember)} from a posted form body.
   *
   * @param formBody {@code socket_id=…&channel_name=…}
   * @param member who joins
   * @return the authorization
   */
  public ChannelAuthorization authorizeChannelFromForm(String formBody, PresenceMember member) {
    String[] f = FormBody.fields(formBody, CHANNEL_FORM);
    return authorizeChannel(
        Validate.socketId("socket_id", f[0]), Validate.channel("channel_name", f[1]), member);
  }

  /**
   * {@link #authenticateUser} from a posted form body.
   *
   * @param formBody {@code socket_id=…}
   * @param user who signs in
   * @return the authentication
   */
  public UserAuthentication authenticateUserFromForm(String formBody, UserData user) {
    String[] f = FormBody.fields(formBody, USER_FORM);
    return authenticateUser(Validate.socketId("socket_id", f[0]), user);
  }

  /**
   * Signs any string: {@code KEY:HEX(HMAC-SHA256(secret, UTF-8 bytes))}. Callers validate first.
   *
   * @param stringToSign the string
   * @return the {@code auth} value
   */
  public String sign(String stringToSign) {
    return auth(hmac.mac(stringToSign.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Writes a member as {@code {"user_id":…,"user_info":…}}.
   *
   * @param member the member
   * @return the channel data
   */
  public static String channelData(PresenceMember member) {
    String id = member.userId();
    String info = member.userInfo().map(Authorizer::userInfoJson).orElse(null);
    StringBuilder sb =
        new StringBuilder(16 + id.length() + (info == null ? 0 : 14 + info.length()));
    sb.append("{\"user_id\":");
    JsonText.appendString(sb, id, false);
    if (info != null) {
      sb.append(",\"user_info\":").append(info);
    }
    return sb.append('}').toString();
  }

  /**
   * Writes a user as {@code {"id":…,"user_info":…,"watchlist":[…]}}, leaving out what is absent.
   *
   * @param user the user
   * @return the user data
   */
  public static String userData(UserData user) {
    String info = user.userInfo().map(Authorizer::userInfoJson).orElse(null);
    List<String> watchlist = user.watchlist();
    StringBuilder sb =
        new StringBuilder(
            16
                + user.id().length()
                + (info == null ? 0 : 14 + info.length())
                + 24 * watchlist.size());
    sb.append("{\"id\":");
    JsonText.appendString(sb, user.id(), false);
    if (info != null) {
      sb.append(",\"user_info\":").append(info);
    }
    if (!watchlist.isEmpty()) {
      sb.append(",\"watchlist\":[");
      for (int i = 0; i < watchlist.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        JsonText.appendString(sb, watchlist.get(i), false);
      }
      sb.append(']');
    }
    return sb.append('}').toString();
  }

  private static String userInfoJson(Object info) {
    String json;
    if (info instanceof String s) {
      StringBuilder sb = new StringBuilder(s.length() + 2);
      JsonText.appendString(sb, s, false);
      json = sb.toString();
    } else {
      try {
        json = USER_INFO_WRITER.writeValueAsString(info);
      } catch (JsonProcessingException e) {
        throw new ValidationException(
            "userInfo of type "
                + info.getClass().getName()
                + " could not be written as JSON: "
                + e.getOriginalMessage());
      }
    }
    int bad = JsonText.firstUnpairedSurrogate(json);
    if (bad >= 0) {
      // Jackson writes lone surrogates as they are; they have no UTF-8 form to sign.
      throw new ValidationException(
          "userInfo must be well-formed Unicode, but its JSON has an unpaired surrogate at index "
              + bad);
    }
    return json;
  }

  private String sharedSecret(String channel) {
    byte[] secret = sharedSecrets.apply(channel);
    if (secret == null || secret.length != 32) {
      throw new IllegalStateException(
          "the ChannelEncryption returned a shared secret of "
              + (secret == null ? "null" : secret.length + " bytes")
              + " for "
              + channel
              + "; it must return 32 bytes");
    }
    try {
      return Base64.getEncoder().encodeToString(secret);
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
  }

  private String auth(byte[] mac) {
    int k = key.length();
    StringBuilder sb = new StringBuilder(k + 1 + 2 * mac.length);
    sb.append(key).append(':');
    for (byte b : mac) {
      sb.append((char) HEX[(b >> 4) & 0xf]).append((char) HEX[b & 0xf]);
    }
    return sb.toString();
  }

  private static void copyAscii(String s, byte[] into, int offset) {
    for (int i = 0; i < s.length(); i++) {
      into[offset + i] = (byte) s.charAt(i);
    }
  }
}
