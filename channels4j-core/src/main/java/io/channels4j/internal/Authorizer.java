package io.channels4j.internal;

import io.channels4j.ValidationException;
import io.channels4j.auth.ChannelAuthRequest;
import io.channels4j.auth.ChannelAuthorization;
import io.channels4j.auth.PresenceMember;
import io.channels4j.auth.UserAuthentication;
import io.channels4j.auth.UserData;
import io.channels4j.internal.protocol.ChannelKind;
import io.channels4j.internal.protocol.QueryString;
import io.channels4j.spi.PayloadEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
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
  private static final String[] USER_FORM = {"socket_id"};

  private final String key;
  private final Hmac hmac;
  private final Function<String, byte[]> sharedSecrets;
  private final PayloadEncoder userInfoEncoder;

  /**
   * Creates an authorizer.
   *
   * @param key the app key, the prefix of every {@code auth}
   * @param hmac the HMAC under the app secret
   * @param sharedSecrets the 32-byte key of a {@code private-encrypted-} channel; throws when
   *     encryption is not configured
   */
  public Authorizer(String key, Hmac hmac, Function<String, byte[]> sharedSecrets) {
    this(key, hmac, sharedSecrets, Encoders.fallback(null));
  }

  /**
   * Creates an authorizer.
   *
   * @param key the app key, the prefix of every {@code auth}
   * @param hmac the HMAC under the app secret
   * @param sharedSecrets the 32-byte key of a {@code private-encrypted-} channel; throws when
   *     encryption is not configured
   * @param userInfoEncoder encodes user info that is not a plain value (a record, a bean)
   */
  public Authorizer(
      String key,
      Hmac hmac,
      Function<String, byte[]> sharedSecrets,
      PayloadEncoder userInfoEncoder) {
    this.key = Objects.requireNonNull(key, "key");
    this.hmac = Objects.requireNonNull(hmac, "hmac");
    this.sharedSecrets = Objects.requireNonNull(sharedSecrets, "sharedSecrets");
    this.userInfoEncoder = Objects.requireNonNull(userInfoEncoder, "userInfoEncoder");
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
    ChannelKind kind = ChannelKind.of(channel);
    if (kind != ChannelKind.PRIVATE && kind != ChannelKind.PRIVATE_ENCRYPTED) {
      throw new ValidationException(
          kind == ChannelKind.PRESENCE
              ? "channel "
                  + channel
                  + " is a presence channel: authorize it with a PresenceMember"
                  + " (authorizeChannel(socketId, channel, member))"
              : "channel must start with private- or private-encrypted- (public channels need no"
                  + " authorization), but is "
                  + channel);
    }
    String auth = auth(mac(socketId, ":", channel, "", ""));
    if (kind != ChannelKind.PRIVATE_ENCRYPTED) {
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
    ChannelKind kind = ChannelKind.of(channel);
    if (kind != ChannelKind.PRESENCE) {
      throw new ValidationException(
          kind != ChannelKind.PUBLIC
              ? "channel "
                  + channel
                  + " is not a presence channel: authorize it without a PresenceMember"
                  + " (authorizeChannel(socketId, channel))"
              : "channel must start with presence- to be authorized with a PresenceMember, but is "
                  + channel);
    }
    String channelData = channelData(member, userInfoEncoder);
    return new ChannelAuthorization(
        auth(mac(socketId, ":", channel, ":", channelData)),
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
    String userData = userData(user, userInfoEncoder);
    return new UserAuthentication(auth(mac(socketId, "::user::", "", "", userData)), userData);
  }

  /**
   * {@link #authorizeChannel(String, String)} from a posted form body.
   *
   * @param formBody {@code socket_id=…&channel_name=…}
   * @return the authorization
   */
  public ChannelAuthorization authorizeChannelFromForm(String formBody) {
    ChannelAuthRequest request = ChannelAuthRequest.fromForm(formBody);
    return authorizeChannel(request.socketId(), request.channelName());
  }

  /**
   * {@link #authorizeChannel(String, String, PresenceMember)} from a posted form body.
   *
   * @param formBody {@code socket_id=…&channel_name=…}
   * @param member who joins
   * @return the authorization
   */
  public ChannelAuthorization authorizeChannelFromForm(String formBody, PresenceMember member) {
    ChannelAuthRequest request = ChannelAuthRequest.fromForm(formBody);
    return authorizeChannel(request.socketId(), request.channelName(), member);
  }

  /**
   * {@link #authenticateUser} from a posted form body.
   *
   * @param formBody {@code socket_id=…}
   * @param user who signs in
   * @return the authentication
   */
  public UserAuthentication authenticateUserFromForm(String formBody, UserData user) {
    String[] f = QueryString.fields(formBody, USER_FORM);
    return authenticateUser(Validate.socketId("socket_id", f[0]), user);
  }

  /**
   * Signs any string: {@code KEY:HEX(HMAC-SHA256(secret, UTF-8 bytes))}. Callers validate first.
   *
   * @param stringToSign the string
   * @return the {@code auth} value
   */
  String sign(String stringToSign) {
    return auth(hmac.mac(stringToSign.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Writes a member as {@code {"user_id":…,"user_info":…}}.
   *
   * @param member the member
   * @param encoder encodes user info that is not a plain value
   * @return the channel data
   */
  static String channelData(PresenceMember member, PayloadEncoder encoder) {
    String id = member.userId();
    StringBuilder sb = new StringBuilder(64 + id.length());
    sb.append("{\"user_id\":");
    JsonText.appendString(sb, id, false);
    if (member.userInfo().isPresent()) {
      sb.append(",\"user_info\":");
      JsonText.appendUserInfo(sb, member.userInfo().get(), encoder);
    }
    return sb.append('}').toString();
  }

  /**
   * Writes a user as {@code {"id":…,"user_info":…,"watchlist":[…]}}, leaving out what is absent.
   *
   * @param user the user
   * @param encoder encodes user info that is not a plain value
   * @return the user data
   */
  static String userData(UserData user, PayloadEncoder encoder) {
    List<String> watchlist = user.watchlist();
    StringBuilder sb = new StringBuilder(64 + user.id().length() + 24 * watchlist.size());
    sb.append("{\"id\":");
    JsonText.appendString(sb, user.id(), false);
    if (user.userInfo().isPresent()) {
      sb.append(",\"user_info\":");
      JsonText.appendUserInfo(sb, user.userInfo().get(), encoder);
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

  /** {@code KEY:HEX}, written in the scratch buffer when the key is ASCII, as keys are. */
  private String auth(byte[] mac) {
    int k = key.length();
    int n = k + 1 + 2 * mac.length;
    byte[] out = JsonText.takeBuffer(n);
    try {
      for (int i = 0; i < k; i++) {
        char c = key.charAt(i);
        if (c >= 0x80) {
          return key + ':' + HexFormat.of().formatHex(mac);
        }
        out[i] = (byte) c;
      }
      out[k] = ':';
      Hex.writeLower(mac, out, k + 1);
      return new String(out, 0, n, StandardCharsets.ISO_8859_1);
    } finally {
      JsonText.giveBuffer(out);
    }
  }

  /**
   * Signs the concatenation of the parts as UTF-8. The socket id, channel and separators are
   * validated ASCII and JSON text usually is, so the bytes are written into a pooled scratch
   * buffer; non-ASCII JSON is encoded by the JDK.
   */
  private byte[] mac(String a, String b, String c, String d, String json) {
    int fixed = a.length() + b.length() + c.length() + d.length();
    int n = json.length();
    byte[] out = JsonText.takeBuffer(fixed + n);
    try {
      int at = copyAscii(a, out, 0);
      at = copyAscii(b, out, at);
      at = copyAscii(c, out, at);
      at = copyAscii(d, out, at);
      for (int i = 0; i < n; i++) {
        char ch = json.charAt(i);
        if (ch >= 0x80) {
          byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
          byte[] whole = Arrays.copyOf(out, fixed + utf8.length);
          System.arraycopy(utf8, 0, whole, fixed, utf8.length);
          return hmac.mac(whole);
        }
        out[at++] = (byte) ch;
      }
      return hmac.mac(out, 0, at);
    } finally {
      JsonText.giveBuffer(out);
    }
  }

  private static int copyAscii(String s, byte[] into, int offset) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      into[offset + i] = (byte) s.charAt(i);
    }
    return offset + n;
  }
}
