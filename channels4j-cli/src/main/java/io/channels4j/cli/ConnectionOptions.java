package io.channels4j.cli;

import io.channels4j.Pusher;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Function;
import picocli.CommandLine.Option;

/**
 * Where to send requests: {@code --url}, or {@code --app-id}/{@code --key}/{@code --secret}, or the
 * {@code PUSHER_URL} environment variable, in that order; host, port and TLS flags adjust any of
 * them.
 */
final class ConnectionOptions {
  static final String ENV = "PUSHER_URL";

  private static final String NO_CREDENTIALS =
      "no credentials: pass --url URL, set PUSHER_URL, or give --app-id, --key and --secret";

  @Option(
      names = "--url",
      paramLabel = "URL",
      description = "https://KEY:SECRET@HOST[:PORT]/apps/APP_ID (default: $PUSHER_URL)")
  String url;

  @Option(names = "--app-id", paramLabel = "ID", description = "The app id.")
  String appId;

  @Option(names = "--key", paramLabel = "KEY", description = "The app key.")
  String key;

  @Option(names = "--secret", paramLabel = "SECRET", description = "The app secret.")
  String secret;

  @Option(
      names = "--cluster",
      paramLabel = "CLUSTER",
      description = "Selects api-CLUSTER.pusher.com (default mt1).")
  String cluster;

  @Option(names = "--host", paramLabel = "HOST[:PORT]", description = "A self-hosted server.")
  String host;

  @Option(names = "--port", paramLabel = "PORT", description = "The server's port.")
  Integer port;

  @Option(names = "--no-tls", description = "Use plain HTTP (e.g. a local soketi).")
  boolean noTls;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      description = "Time allowed for each attempt (default 5).")
  Integer timeoutSeconds;

  /** The app's identity, once resolved. */
  record Credentials(String appId, String key, String secret) {
    /** Never shows the secret. */
    @Override
    public String toString() {
      return "Credentials[appId=" + appId + ", key=" + key + "]";
    }
  }

  /** Tells whether any source of credentials is given. */
  boolean given(Io io) {
    return url != null || appId != null || key != null || secret != null || envUrl(io) != null;
  }

  Pusher client(Io io) {
    return builder(io).build();
  }

  /** Makes one request with a fresh client, closed after it, and returns its result. */
  <T> T call(Io io, Function<Pusher, T> request) {
    try (Pusher pusher = client(io)) {
      return request.apply(pusher);
    }
  }

  /** Makes one request that has no result with a fresh client, closed after it. */
  void run(Io io, Consumer<Pusher> request) {
    try (Pusher pusher = client(io)) {
      request.accept(pusher);
    }
  }

  Pusher.Builder builder(Io io) {
    Pusher.Builder b;
    if (url != null) {
      b = Pusher.builderFromUrl(url);
    } else if (appId != null || key != null || secret != null) {
      requireAll();
      b = Pusher.builder().appId(appId).key(key).secret(secret);
    } else if (envUrl(io) != null) {
      b = Pusher.builderFromUrl(envUrl(io));
    } else {
      throw new CliException(Cli.USAGE, NO_CREDENTIALS);
    }
    if (cluster != null) {
      b.cluster(cluster);
    }
    if (host != null) {
      b.host(host);
    }
    if (port != null) {
      b.port(port);
    }
    if (noTls) {
      b.useTls(false);
    }
    if (timeoutSeconds != null) {
      b.timeout(Duration.ofSeconds(timeoutSeconds));
    }
    return b;
  }

  /** The app id, key and secret from whichever source applies. */
  Credentials credentials(Io io) {
    if (url == null && (appId != null || key != null || secret != null)) {
      requireAll();
      return new Credentials(appId, key, secret);
    }
    String source = url != null ? url : envUrl(io);
    if (source == null) {
      throw new CliException(Cli.USAGE, NO_CREDENTIALS);
    }
    builder(io); // validates the URL with the library's own rules and messages
    try {
      URI uri = new URI(source.strip());
      String userInfo = uri.getRawUserInfo();
      int colon = userInfo.indexOf(':');
      String path = uri.getRawPath().replaceAll("/+$", "");
      return new Credentials(
          decode(path.substring(path.lastIndexOf('/') + 1)),
          decode(userInfo.substring(0, colon)),
          decode(userInfo.substring(colon + 1)));
    } catch (URISyntaxException | RuntimeException e) {
      throw new CliException(Cli.USAGE, "the Pusher URL cannot be read");
    }
  }

  private void requireAll() {
    StringBuilder missing = new StringBuilder();
    if (appId == null) {
      missing.append(" --app-id");
    }
    if (key == null) {
      missing.append(" --key");
    }
    if (secret == null) {
      missing.append(" --secret");
    }
    if (missing.length() > 0) {
      throw new CliException(
          Cli.USAGE, "--app-id, --key and --secret go together, but" + missing + " is missing");
    }
  }

  private static String envUrl(Io io) {
    String value = io.env().get(ENV);
    return value == null || value.isBlank() ? null : value;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
