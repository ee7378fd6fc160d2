package io.channels4j.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sends hand-made requests, so tests can send what the client would refuse to send. Its signer is a
 * plain restatement of the protocol, independent of both the client and the server.
 */
final class RawApi {
  private final PusherTestServer server;

  RawApi(PusherTestServer server) {
    this.server = server;
  }

  record Response(int status, String body) {}

  /** Signs with the server's credentials at the current time and sends. */
  Response signed(String method, String path, Map<String, String> params, String body) {
    return signedAt(method, path, params, body, System.currentTimeMillis() / 1000);
  }

  Response signedAt(
      String method, String path, Map<String, String> params, String body, long timestamp) {
    return send(method, path + "?" + signedQueryAt(method, path, params, body, timestamp), body);
  }

  /** Signs over {@code signedBody}'s md5 but sends {@code sentBody}. */
  Response signedWithBody(
      String method, String path, Map<String, String> params, String signedBody, String sentBody) {
    return send(method, path + "?" + signedQuery(method, path, params, signedBody), sentBody);
  }

  /** The signed query string (no {@code ?}) of a request with this body, at the current time. */
  String signedQuery(String method, String path, Map<String, String> params, String body) {
    return signedQueryAt(method, path, params, body, System.currentTimeMillis() / 1000);
  }

  private String signedQueryAt(
      String method, String path, Map<String, String> params, String body, long timestamp) {
    TreeMap<String, String> q = new TreeMap<>(params);
    q.put("auth_key", server.key());
    q.put("auth_timestamp", Long.toString(timestamp));
    q.put("auth_version", "1.0");
    byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > 0) {
      q.put("body_md5", md5(bytes));
    }
    StringBuilder canonical = new StringBuilder();
    StringBuilder wire = new StringBuilder();
    q.forEach(
        (k, v) -> {
          canonical.append(canonical.length() == 0 ? "" : "&").append(k).append('=').append(v);
          wire.append(wire.length() == 0 ? "" : "&")
              .append(k)
              .append('=')
              .append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
    String signature = hmac(server.secret(), method + "\n" + path + "\n" + canonical);
    return wire + "&auth_signature=" + signature;
  }

  /** Sends exactly this path and query. */
  Response send(String method, String pathAndQuery, String body) {
    try {
      HttpURLConnection c =
          (HttpURLConnection)
              URI.create(server.baseUri() + pathAndQuery).toURL().openConnection(Proxy.NO_PROXY);
      c.setConnectTimeout(5_000);
      c.setReadTimeout(10_000);
      c.setRequestMethod(method);
      if (body != null) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        c.setDoOutput(true);
        c.setRequestProperty("Content-Type", "application/json");
        try (OutputStream out = c.getOutputStream()) {
          out.write(bytes);
        }
      }
      int status = c.getResponseCode();
      InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
      String text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return new Response(status, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String md5(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  static String hmac(String secret, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }
}
