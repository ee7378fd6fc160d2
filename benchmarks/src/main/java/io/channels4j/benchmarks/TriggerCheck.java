package io.channels4j.benchmarks;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks that a trigger request is the benchmark's reference trigger, correctly signed: the same
 * event (body byte-identical to {@link BenchInputs#TRIGGER_BODY}, or semantically equal JSON for
 * libraries that order fields differently) and a signature that verifies as a Pusher server
 * verifies it (protocol.md section 1.2), recomputed here from what was received.
 *
 * <p>This is how the benchmark makes sure that no contender wins by doing less.
 */
public final class TriggerCheck {

  /** Largest accepted distance between {@code auth_timestamp} and now, as Pusher enforces. */
  public static final long MAX_CLOCK_SKEW_SECONDS = 600;

  private static final Object REFERENCE_BODY = Json.parse(BenchInputs.TRIGGER_BODY);

  private TriggerCheck() {}

  /**
   * What the check found.
   *
   * @param bodyIdentical whether the body is byte for byte the reference body
   * @param problems what is wrong; empty when the request is valid
   */
  public record Outcome(boolean bodyIdentical, List<String> problems) {
    /**
     * Copies the problem list.
     *
     * @param bodyIdentical whether the body is byte for byte the reference body
     * @param problems what is wrong; empty when the request is valid
     */
    public Outcome {
      problems = List.copyOf(problems);
    }

    /**
     * Whether the request is valid.
     *
     * @return true when there are no problems
     */
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  /**
   * Checks one request as received.
   *
   * @param method HTTP method
   * @param rawPath the path exactly as sent (not decoded)
   * @param rawQuery the query exactly as sent (not decoded), or null
   * @param contentType the Content-Type header, or null
   * @param body the body bytes
   * @param nowEpochSeconds the current time, for the timestamp window
   * @return the outcome
   */
  public static Outcome check(
      String method,
      String rawPath,
      String rawQuery,
      String contentType,
      byte[] body,
      long nowEpochSeconds) {
    List<String> problems = new ArrayList<>();
    String expectedPath = "/apps/" + BenchInputs.APP_ID + "/events";
    if (!"POST".equals(method)) {
      problems.add("method is " + method + ", expected POST");
    }
    if (!expectedPath.equals(rawPath)) {
      problems.add("path is " + rawPath + ", expected " + expectedPath);
    }
    if (contentType == null
        || !contentType.split(";", 2)[0].trim().equalsIgnoreCase("application/json")) {
      problems.add("Content-Type is " + contentType + ", expected application/json");
    }

    boolean identical =
        Arrays.equals(body, BenchInputs.TRIGGER_BODY.getBytes(StandardCharsets.UTF_8));
    if (!identical) {
      String text = new String(body, StandardCharsets.UTF_8);
      try {
        if (!REFERENCE_BODY.equals(Json.parse(text))) {
          problems.add("body differs from the reference trigger: " + text);
        }
      } catch (IllegalArgumentException e) {
        problems.add("body is not JSON: " + e.getMessage());
      }
    }

    Map<String, String> params = new TreeMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      problems.add("no query string");
    } else {
      for (String pair : rawQuery.split("&", -1)) {
        int eq = pair.indexOf('=');
        String key = decode(eq < 0 ? pair : pair.substring(0, eq)).toLowerCase(Locale.ROOT);
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        if (params.put(key, value) != null) {
          problems.add("query parameter " + key + " appears twice");
        }
      }
    }
    expectParam(problems, params, "auth_key", BenchInputs.KEY);
    expectParam(problems, params, "auth_version", "1.0");
    expectParam(problems, params, "body_md5", BenchInputs.md5Hex(body));
    String timestamp = params.get("auth_timestamp");
    if (timestamp == null || !timestamp.matches("[0-9]{1,12}")) {
      problems.add("auth_timestamp is " + timestamp);
    } else if (Math.abs(nowEpochSeconds - Long.parseLong(timestamp)) > MAX_CLOCK_SKEW_SECONDS) {
      problems.add("auth_timestamp " + timestamp + " is more than 600 s from now");
    }
    String signature = params.remove("auth_signature");
    StringBuilder canonical = new StringBuilder();
    for (Map.Entry<String, String> e : params.entrySet()) {
      if (canonical.length() > 0) {
        canonical.append('&');
      }
      canonical.append(e.getKey()).append('=').append(e.getValue());
    }
    String expected =
        BenchInputs.hmacSha256Hex(BenchInputs.SECRET, method + "\n" + rawPath + "\n" + canonical);
    if (signature == null
        || !MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.US_ASCII),
            signature.getBytes(StandardCharsets.US_ASCII))) {
      problems.add("auth_signature " + signature + " does not verify");
    }
    return new Outcome(identical, problems);
  }

  private static void expectParam(
      List<String> problems, Map<String, String> params, String key, String expected) {
    String actual = params.get(key);
    if (!expected.equals(actual)) {
      problems.add(key + " is " + actual + ", expected " + expected);
    }
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
