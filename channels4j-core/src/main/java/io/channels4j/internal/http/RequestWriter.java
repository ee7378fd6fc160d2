package io.channels4j.internal.http;

import java.io.IOException;
import java.util.Map;

/**
 * The bytes of a request: its head in ISO-8859-1, built straight into the array to send, and, for a
 * small body, the body behind it so that both leave in one write. Also the checks of the headers a
 * caller or a transport decorator gives: the transport owns {@code Host}, {@code Content-Length}
 * and {@code Transfer-Encoding}, and no name or value may carry CR, LF or another control character
 * (which would inject headers or a second request).
 */
public final class RequestWriter {
  /** Bodies up to this size are copied behind the head and written with it in one call. */
  static final int COALESCED_BODY_BYTES = 64 * 1024;

  private RequestWriter() {}

  /**
   * Checks the headers of a request.
   *
   * @param headers the headers a caller gives
   * @throws NotSentException naming the header (never its value) when a name is not an HTTP token,
   *     a value holds a control character, or the name is one the transport owns: the request is
   *     refused before anything is sent, so the client reports it as not sent
   */
  public static void checkHeaders(Map<String, String> headers) throws NotSentException {
    for (Map.Entry<String, String> h : headers.entrySet()) {
      String name = h.getKey();
      String value = h.getValue();
      if (name.isEmpty()) {
        throw new NotSentException("a request header has an empty name", null);
      }
      for (int i = 0; i < name.length(); i++) {
        if (!isTokenChar(name.charAt(i))) {
          throw new NotSentException(
              "request header name \""
                  + printable(name)
                  + "\" has a character not allowed in a header name at index "
                  + i,
              null);
        }
      }
      if (isOwned(name)) {
        throw new NotSentException(
            "request header " + name + " is set by the transport and may not be given", null);
      }
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if ((c < 0x20 && c != '\t') || c == 0x7f || c > 0xff) {
          throw new NotSentException(
              "the value of request header "
                  + name
                  + " has a "
                  + (c == '\r' || c == '\n' ? "CR or LF" : "control or non-Latin-1 character")
                  + " at index "
                  + i,
              null);
        }
      }
    }
  }

  private static boolean isOwned(String name) {
    return name.equalsIgnoreCase("host")
        || name.equalsIgnoreCase("content-length")
        || name.equalsIgnoreCase("transfer-encoding");
  }

  private static boolean isTokenChar(char c) {
    if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
      return true;
    }
    return "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
  }

  private static String printable(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length() && i < 40; i++) {
      char c = s.charAt(i);
      sb.append(c < 0x20 || c == 0x7f ? '?' : c);
    }
    return sb.toString();
  }

  /** Checks the request target: printable ASCII only, so it cannot end the request line early. */
  static void checkTarget(String target) throws IOException {
    for (int i = 0; i < target.length(); i++) {
      char c = target.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        throw new NotSentException(
            "request target has a space, control or non-ASCII character at index " + i, null);
      }
    }
  }

  /**
   * Encodes the head, followed by the body when {@code withBody}.
   *
   * @param method the method
   * @param targetPrefix the absolute-form prefix through a plain proxy, or null
   * @param target the path and query
   * @param hostHeader the {@code Host} value
   * @param headers the checked headers
   * @param extraName one more header's name (proxy authorization), or null
   * @param extraValue its value
   * @param body the body
   * @param withBody whether to copy the body behind the head
   * @return the bytes to write
   */
  static byte[] encode(
      String method,
      String targetPrefix,
      String target,
      String hostHeader,
      Map<String, String> headers,
      String extraName,
      String extraValue,
      byte[] body,
      boolean withBody) {
    boolean contentLength = body.length > 0 || "POST".equals(method) || "PUT".equals(method);
    int length =
        method.length()
            + 1
            + (targetPrefix == null ? 0 : targetPrefix.length())
            + target.length()
            + " HTTP/1.1\r\nHost: ".length()
            + hostHeader.length()
            + 2
            + (contentLength ? "Content-Length: ".length() + digits(body.length) + 2 : 0)
            + (extraName == null ? 0 : extraName.length() + 2 + extraValue.length() + 2)
            + 2
            + (withBody ? body.length : 0);
    for (Map.Entry<String, String> h : headers.entrySet()) {
      length += h.getKey().length() + 2 + h.getValue().length() + 2;
    }
    byte[] out = new byte[length];
    int at = latin1(method, out, 0);
    out[at++] = ' ';
    if (targetPrefix != null) {
      at = latin1(targetPrefix, out, at);
    }
    at = latin1(target, out, at);
    at = latin1(" HTTP/1.1\r\nHost: ", out, at);
    at = latin1(hostHeader, out, at);
    out[at++] = '\r';
    out[at++] = '\n';
    for (Map.Entry<String, String> h : headers.entrySet()) {
      at = header(h.getKey(), h.getValue(), out, at);
    }
    if (extraName != null) {
      at = header(extraName, extraValue, out, at);
    }
    if (contentLength) {
      at = latin1("Content-Length: ", out, at);
      at = decimal(body.length, out, at);
      out[at++] = '\r';
      out[at++] = '\n';
    }
    out[at++] = '\r';
    out[at++] = '\n';
    if (withBody) {
      System.arraycopy(body, 0, out, at, body.length);
    }
    return out;
  }

  private static int header(String name, String value, byte[] out, int at) {
    at = latin1(name, out, at);
    out[at++] = ':';
    out[at++] = ' ';
    at = latin1(value, out, at);
    out[at++] = '\r';
    out[at++] = '\n';
    return at;
  }

  private static int latin1(String s, byte[] out, int at) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      // checkHeaders and checkTarget let only Latin-1 through
      out[at + i] = (byte) s.charAt(i);
    }
    return at + n;
  }

  private static int digits(int value) {
    int d = 1;
    for (int v = value; v >= 10; v /= 10) {
      d++;
    }
    return d;
  }

  private static int decimal(int value, byte[] out, int at) {
    int end = at + digits(value);
    int v = value;
    for (int i = end - 1; i >= at; i--) {
      out[i] = (byte) ('0' + v % 10);
      v /= 10;
    }
    return end;
  }
}
