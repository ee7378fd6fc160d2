package io.channels4j.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.channels4j.ChannelAttribute;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;

/** Request bodies written with Jackson's streaming API, and response trees read back. */
public final class Json {
  /** Shared, thread-safe mapper for reading responses. */
  public static final ObjectMapper MAPPER = JsonMapper.builder().build();

  private static final JsonFactory FACTORY = MAPPER.getFactory();

  private Json() {}

  /** Writes one JSON document to a byte array. */
  @FunctionalInterface
  public interface Writer {
    /**
     * Writes the document.
     *
     * @param g the generator
     * @throws IOException never in practice: the target is memory
     */
    void write(JsonGenerator g) throws IOException;
  }

  /**
   * Writes a document to bytes.
   *
   * @param sizeHint expected size
   * @param writer what to write
   * @return UTF-8 bytes
   */
  public static byte[] write(int sizeHint, Writer writer) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(sizeHint);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      writer.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * Writes a trigger body: {@code {"name","data","channels","socket_id"?,"info"?}}.
   *
   * @param channels the channels
   * @param name the event name
   * @param data the data string
   * @param socketId the excluded socket, or null
   * @param info the info attributes
   * @return the body
   */
  public static byte[] triggerBody(
      List<String> channels,
      String name,
      String data,
      String socketId,
      Set<ChannelAttribute> info) {
    byte[] plain = plainTriggerBody(channels, name, data, socketId, info);
    if (plain != null) {
      return plain;
    }
    return write(
        64 + data.length() + 32 * channels.size(),
        g -> {
          g.writeStartObject();
          g.writeStringField("name", name);
          g.writeStringField("data", data);
          g.writeArrayFieldStart("channels");
          for (String c : channels) {
            g.writeString(c);
          }
          g.writeEndArray();
          if (socketId != null) {
            g.writeStringField("socket_id", socketId);
          }
          if (!info.isEmpty()) {
            g.writeStringField("info", infoParam(info));
          }
          g.writeEndObject();
        });
  }

  /**
   * The trigger body written without a generator when every string is printable ASCII, where
   * Jackson's output is plain: the characters as they are, with quotes and backslashes escaped by a
   * backslash. Anything else (control characters, non-ASCII) returns null, and Jackson writes the
   * body, so the bytes are always Jackson's.
   */
  private static byte[] plainTriggerBody(
      List<String> channels,
      String name,
      String data,
      String socketId,
      Set<ChannelAttribute> info) {
    String infoText = info.isEmpty() ? null : infoParam(info);
    int length = "{\"name\":,\"data\":,\"channels\":[]}".length();
    int n = plainLength(name);
    int d = plainLength(data);
    if (n < 0 || d < 0) {
      return null;
    }
    length += n + d + channels.size() - 1; // the commas between channels
    for (String c : channels) {
      int l = plainLength(c);
      if (l < 0) {
        return null;
      }
      length += l;
    }
    if (socketId != null) {
      int l = plainLength(socketId);
      if (l < 0) {
        return null;
      }
      length += ",\"socket_id\":".length() + l;
    }
    if (infoText != null) {
      length += ",\"info\":".length() + plainLength(infoText);
    }
    byte[] out = new byte[length];
    int at = ascii("{\"name\":", out, 0);
    at = plainString(name, out, at);
    at = ascii(",\"data\":", out, at);
    at = plainString(data, out, at);
    at = ascii(",\"channels\":[", out, at);
    boolean first = true;
    for (String c : channels) {
      if (!first) {
        out[at++] = ',';
      }
      first = false;
      at = plainString(c, out, at);
    }
    out[at++] = ']';
    if (socketId != null) {
      at = ascii(",\"socket_id\":", out, at);
      at = plainString(socketId, out, at);
    }
    if (infoText != null) {
      at = ascii(",\"info\":", out, at);
      at = plainString(infoText, out, at);
    }
    out[at] = '}';
    return out;
  }

  /** The quoted, escaped length of printable ASCII text, or -1 for any other character. */
  private static int plainLength(String s) {
    int length = s.length() + 2;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        return -1;
      }
      if (c == '"' || c == '\\') {
        length++;
      }
    }
    return length;
  }

  private static int plainString(String s, byte[] out, int at) {
    out[at++] = '"';
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        out[at++] = '\\';
      }
      out[at++] = (byte) c;
    }
    out[at++] = '"';
    return at;
  }

  private static int ascii(String s, byte[] out, int at) {
    for (int i = 0; i < s.length(); i++) {
      out[at++] = (byte) s.charAt(i);
    }
    return at;
  }

  /**
   * Joins attributes as the API's comma-separated {@code info} value.
   *
   * @param info the attributes
   * @return e.g. {@code user_count,subscription_count}
   */
  public static String infoParam(Set<ChannelAttribute> info) {
    StringBuilder sb = new StringBuilder();
    for (ChannelAttribute a : ChannelAttribute.values()) {
      if (info.contains(a)) {
        if (sb.length() > 0) {
          sb.append(',');
        }
        sb.append(a.wireName());
      }
    }
    return sb.toString();
  }

  /**
   * Parses a response body; empty means an empty object.
   *
   * @param body the bytes
   * @return the tree
   * @throws IOException when the body is not JSON
   */
  public static JsonNode parse(byte[] body) throws IOException {
    // Empty, and {} (a trigger's usual answer), need no parser.
    if (body.length == 0 || (body.length == 2 && body[0] == '{' && body[1] == '}')) {
      return MAPPER.createObjectNode();
    }
    JsonNode node = MAPPER.readTree(body);
    return node == null ? MAPPER.createObjectNode() : node;
  }
}
