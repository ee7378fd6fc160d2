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
 * Where to send requests: {@code --url}, or {@code --app-id}/{@code --key} with {@code --secret} or
 * {@code --secret-file}, or the {@code PUSHER_URL} environment variable, in that order; host, port
 * and TLS flags adjust any of them. A secret on the command line shows in {@code ps} and shell
 * history: {@code --secret} draws a warning on stderr, and so does a {@code --url} with a secret
 * when stderr is a terminal (a person typed it).
 */
final class ConnectionOptions {
  static final String ENV = "PUSHER_URL";

  private static final String NO_CREDENTIALS =
      "no credentials: set PUSHER_URL, or give --app-id, --key and --secret-file (or --secret),"
          + " or pass --url URL";

  private static final String EXPOSED =
      " shows in ps and shell history; prefer --secret-file FILE (- for stdin) or PUSHER_URL";

  /** The secret read from {@code --secret-file}, once: stdin cannot be read twice. */
  private String fileSecret;

  private boolean warned;

  @Option(
      names = "--url",
      paramLabel = "URL",
      description = {
        "https://KEY:SECRET@HOST[:PORT]/apps/APP_ID (default: $PUSHER_URL, which keeps",
        "the secret out of ps and shell history)."
      })
  String url;

  @Option(names = "--app-id", paramLabel = "ID", description = "The app id.")
  String appId;

  @Option(names = "--key", paramLabel = "KEY", description = "The app key.")
  String key;

  @Option(
      names = "--secret",
      paramLabel = "SECRET",
      description = {
        "The app secret. Shows in ps and shell history (a warning says so):",
        "prefer --secret-file or $PUSHER_URL."
      })
  String secret;

  @Option(
      names = "--secret-file",
      paramLabel = "FILE",
      description = "Reads the app secret from FILE; - reads stdin. Surrounding whitespace is cut.")
  String secretFile;

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
    return url != null
        || appId != null
        || key != null
        || secret != null
        || secretFile != null
        || envUrl(io) != null;
  }

  Pusher client(Io io) {
    return builder(io).build();
  }

  /** A client that also encrypts and decrypts {@code private-encrypted-} channels if asked. */
  Pusher client(Io io, EncryptionOptions encryption) {
    Pusher.Builder b = builder(io);
    encryption.configure(b, io);
    return b.build();
  }

  /** Makes one request with a fresh client that can encrypt, closed after it. */
  <T> T call(Io io, EncryptionOptions encryption, Function<Pusher, T> request) {
    try (Pusher pusher = client(io, encryption)) {
      return request.apply(pusher);
    }
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
      warnIfUrlHoldsSecret(io);
      b = Pusher.builderFromUrl(url);
    } else if (trioGiven()) {
      String appSecret = trioSecret(io); // first: names every missing flag at once
      b = Pusher.builder().appId(appId).key(key).secret(appSecret);
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
    if (url == null && trioGiven()) {
      return new Credentials(appId, key, trioSecret(io));
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

  private boolean trioGiven() {
    return appId != null || key != null || secret != null || secretFile != null;
  }

  /** Checks that the app id, key and one secret are all given, and returns the secret. */
  private String trioSecret(Io io) {
    if (secret != null && secretFile != null) {
      throw new CliException(Cli.USAGE, "give either --secret or --secret-file, not both");
    }
    StringBuilder missing = new StringBuilder();
    if (appId == null) {
      missing.append(" --app-id");
    }
    if (key == null) {
      missing.append(" --key");
    }
    if (secret == null && secretFile == null) {
      missing.append(" --secret-file (or --secret)");
    }
    if (missing.length() > 0) {
      throw new CliException(
          Cli.USAGE,
          "--app-id, --key and --secret-file (or --secret) go together, but"
              + missing
              + " is missing");
    }
    if (secretFile != null) {
      if (fileSecret == null) {
        fileSecret = SecretInput.read("--secret-file", secretFile, io);
      }
      return fileSecret;
    }
    warn(io, "warning: --secret" + EXPOSED);
    return secret;
  }

  private void warnIfUrlHoldsSecret(Io io) {
    String userInfo;
    try {
      userInfo = new URI(url.strip()).getRawUserInfo();
    } catch (URISyntaxException e) {
      return; // the library refuses it with its own message
    }
    // Typed by a person at a terminal, it also lands in shell history; scripts get no warning.
    if (io.errIsTerminal() && userInfo != null && userInfo.indexOf(':') >= 0) {
      warn(io, "warning: the secret in --url" + EXPOSED);
    }
  }

  private void warn(Io io, String message) {
    if (!warned) {
      warned = true;
      io.err().println(message);
      io.err().flush();
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
