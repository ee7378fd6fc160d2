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
    byte[] plain = JsonText.plainTriggerBody(channels, name, data, socketId, info);
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
