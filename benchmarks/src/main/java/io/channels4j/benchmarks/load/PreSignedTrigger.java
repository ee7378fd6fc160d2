package io.channels4j.benchmarks.load;

import io.channels4j.benchmarks.BenchInputs;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The reference trigger, signed once, for the baseline contenders that send the same bytes every
 * time (raw socket, plain JDK clients): they pay for no JSON and no signing.
 *
 * <p>Signed per protocol.md section 1.2: HMAC-SHA256 over {@code POST\n/apps/{id}/events\n} plus
 * the sorted query ({@code auth_key, auth_timestamp, auth_version, body_md5}). Every value is made
 * of characters that need no escaping, so the signed text and the sent query are identical.
 *
 * @param path the request path, {@code /apps/{id}/events}
 * @param query the query string, without '?'
 * @param body the body bytes ({@link BenchInputs#TRIGGER_BODY} in UTF-8)
 */
public record PreSignedTrigger(String path, String query, byte[] body) {

  /**
   * Signs the reference trigger for a target.
   *
   * @param target the sink and credentials
   * @param epochSeconds the {@code auth_timestamp}
   * @return the signed request
   */
  public static PreSignedTrigger sign(Target target, long epochSeconds) {
    byte[] body = BenchInputs.TRIGGER_BODY.getBytes(StandardCharsets.UTF_8);
    String path = "/apps/" + target.appId() + "/events";
    String signedQuery =
        "auth_key="
            + target.key()
            + "&auth_timestamp="
            + epochSeconds
            + "&auth_version=1.0&body_md5="
            + BenchInputs.md5Hex(body);
    String signature =
        BenchInputs.hmacSha256Hex(target.secret(), "POST\n" + path + "\n" + signedQuery);
    return new PreSignedTrigger(path, signedQuery + "&auth_signature=" + signature, body);
  }

  /**
   * The full request URI.
   *
   * @param target the sink
   * @return {@code http://127.0.0.1:port/apps/{id}/events?...}
   */
  public URI uri(Target target) {
    return URI.create(target.baseUri() + path + "?" + query);
  }

  /**
   * The whole HTTP/1.1 request as bytes, for a raw socket.
   *
   * @param target the sink (for the Host header)
   * @return request line, headers and body
   */
  public byte[] httpRequestBytes(Target target) {
    String head =
        "POST "
            + path
            + "?"
            + query
            + " HTTP/1.1\r\nHost: "
            + target.hostAndPort()
            + "\r\nContent-Type: application/json\r\nContent-Length: "
            + body.length
            + "\r\n\r\n";
    byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
    byte[] all = new byte[headBytes.length + body.length];
    System.arraycopy(headBytes, 0, all, 0, headBytes.length);
    System.arraycopy(body, 0, all, headBytes.length, body.length);
    return all;
  }
}
