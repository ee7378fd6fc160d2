package io.channels4j.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import io.channels4j.ChannelAttribute;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The protocol's JSON, with Jackson's streaming API only (jackson-core, no data binding): request
 * bodies written with a generator, answers and webhooks read with a parser into plain values
 * ({@link Map}, {@link List}, {@link String}, {@link Number}, {@link Boolean}, null), and the plain
 * values a caller may pass as a payload written without any data binding.
 */
public final class Json {
  /**
   * Buffers are pooled in a shared deque rather than per thread (Jackson's default): on virtual
   * threads, which live for one task, a per-thread pool never hits and every parser would allocate
   * its buffers again (BENCHMARKS.md, "Platform").
   */
  private static JsonFactoryBuilder base() {
    return new JsonFactoryBuilder().recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool());
  }

  /** Writes bodies and payloads; upper-case hex in escapes, as Jackson databind writes. */
  static final JsonFactory FACTORY = base().build();

  /**
   * Lower-case hex in escapes, as JavaScript's {@code JSON.stringify} writes (signed user info).
   */
  private static final JsonFactory LOWER_HEX =
      base().disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE).build();

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
      @Nullable String socketId,
      Set<ChannelAttribute> info) {
    return triggerBody(channels, false, name, data, socketId, info);
  }

  /**
   * Writes a trigger body whose channels (or user channels) have been checked against the channel
   * charset ({@link Validate#channel}, {@link Validate#userId}): such names need no escaping, so
   * they are copied as they are, without a scan.
   *
   * @param channels the checked channels
   * @param name the event name
   * @param data the data string
   * @param socketId the excluded socket, or null
   * @param info the info attributes
   * @return the body
   */
  public static byte[] checkedTriggerBody(
      List<String> channels,
      String name,
      String data,
      @Nullable String socketId,
      Set<ChannelAttribute> info) {
    return triggerBody(channels, true, name, data, socketId, info);
  }

  private static byte[] triggerBody(
      List<String> channels,
      boolean channelsChecked,
      String name,
      String data,
      @Nullable String socketId,
      Set<ChannelAttribute> info) {
    byte[] plain = JsonText.plainTriggerBody(channels, channelsChecked, name, data, socketId, info);
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

  // ---------------------------------------------------------------------------------- reading

  /**
   * Parses an answer's body; empty means an empty object.
   *
   * @param body the bytes
   * @return the value: a {@code Map<String, Object>} for an object (in the body's order), a {@code
   *     List<Object>}, a {@link String}, an {@link Integer}, {@link Long}, {@link BigInteger} or
   *     {@link Double}, a {@link Boolean}, or null
   * @throws IOException when the body is not one JSON document
   */
  public static @Nullable Object parse(byte[] body) throws IOException {
    // Empty, and {} (a trigger's usual answer), need no parser.
    if (body.length == 0 || (body.length == 2 && body[0] == '{' && body[1] == '}')) {
      return new LinkedHashMap<String, Object>();
    }
    try (JsonParser p = FACTORY.createParser(body)) {
      return document(p);
    }
  }

  /**
   * Parses JSON text, as {@link #parse(byte[])}.
   *
   * @param text the text
   * @return the value
   * @throws IOException when the text is not one JSON document
   */
  public static @Nullable Object parse(String text) throws IOException {
    try (JsonParser p = FACTORY.createParser(text)) {
      return document(p);
    }
  }

  /**
   * Reads exactly one document from a parser: trailing content is an error.
   *
   * @param p a parser before its first token
   * @return the value
   * @throws IOException when the input is not one JSON document
   */
  static @Nullable Object document(JsonParser p) throws IOException {
    JsonToken first = p.nextToken();
    if (first == null) {
      throw new IOException("no JSON value");
    }
    Object value = value(p);
    if (p.nextToken() != null) {
      throw new IOException("content after the JSON value");
    }
    return value;
  }

  /**
   * Reads the value at the parser's current token, leaving the parser on its last token.
   *
   * @param p the parser, on the first token of a value
   * @return the value
   * @throws IOException when the input is not JSON
   */
  static @Nullable Object value(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == null) {
      throw new IOException("unexpected end of input");
    }
    switch (t) {
      case START_OBJECT:
        {
          Map<String, Object> map = new LinkedHashMap<>();
          String field;
          while ((field = p.nextFieldName()) != null) {
            p.nextToken();
            map.put(field, value(p));
          }
          return map;
        }
      case START_ARRAY:
        {
          List<Object> list = new ArrayList<>();
          while (p.nextToken() != JsonToken.END_ARRAY) {
            list.add(value(p));
          }
          return list;
        }
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return p.getNumberValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        throw new IOException("unexpected " + t);
    }
  }

  /**
   * Checks that text is one JSON document, without keeping any of it.
   *
   * @param text the text
   * @return whether it is JSON
   */
  public static boolean isJson(String text) {
    try (JsonParser p = FACTORY.createParser(text)) {
      if (p.nextToken() == null) {
        return false;
      }
      p.skipChildren();
      return p.nextToken() == null;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  // ------------------------------------------------------------------------ plain payloads

  /** A value of a type this class does not write; no stack trace, it is control flow. */
  static final class Unsupported extends Exception {
    private static final long serialVersionUID = 1L;

    Unsupported(String type) {
      super(type, null, false, false);
    }
  }

  /**
   * Writes a plain value as JSON text exactly as Jackson databind's default mapper would: maps with
   * string keys (in iteration order, null values written), collections and arrays of objects,
   * strings, characters, numbers, booleans and null.
   *
   * @param value the value
   * @param lowerHexEscapes whether {@code \\u} escapes use lower-case hex, as {@code
   *     JSON.stringify} writes them
   * @return the JSON text
   * @throws Unsupported when the value is, or contains, anything else
   */
  static String writePlain(@Nullable Object value, boolean lowerHexEscapes) throws Unsupported {
    StringWriter out = new StringWriter(64);
    try (JsonGenerator g = (lowerHexEscapes ? LOWER_HEX : FACTORY).createGenerator(out)) {
      writePlain(g, value, 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** Deeper than this is not a payload a person wrote: let a data-binding encoder decide. */
  private static final int MAX_PLAIN_DEPTH = 100;

  private static void writePlain(JsonGenerator g, @Nullable Object value, int depth)
      throws IOException, Unsupported {
    if (value == null) {
      g.writeNull();
    } else if (value instanceof String s) {
      g.writeString(s);
    } else if (value instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      g.writeNumber(((Number) value).intValue());
    } else if (value instanceof Long l) {
      g.writeNumber(l);
    } else if (value instanceof Double d) {
      g.writeNumber(d);
    } else if (value instanceof Float f) {
      g.writeNumber(f);
    } else if (value instanceof BigDecimal d) {
      g.writeNumber(d);
    } else if (value instanceof BigInteger i) {
      g.writeNumber(i);
    } else if (value instanceof Character c) {
      g.writeString(String.valueOf(c));
    } else if (depth >= MAX_PLAIN_DEPTH) {
      throw new Unsupported(value.getClass().getName());
    } else if (value instanceof Map<?, ?> map) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!(e.getKey() instanceof String key)) {
          // Databind has rules for other keys (numbers, enums, dates...): leave them to it.
          throw new Unsupported(
              e.getKey() == null ? "a null map key" : e.getKey().getClass().getName());
        }
        g.writeFieldName(key);
        writePlain(g, e.getValue(), depth + 1);
      }
      g.writeEndObject();
    } else if (value instanceof Collection<?> items) {
      g.writeStartArray();
      for (Object item : items) {
        writePlain(g, item, depth + 1);
      }
      g.writeEndArray();
    } else if (value instanceof Object[] items) {
      g.writeStartArray();
      for (Object item : items) {
        writePlain(g, item, depth + 1);
      }
      g.writeEndArray();
    } else {
      throw new Unsupported(value.getClass().getName());
    }
  }
}
