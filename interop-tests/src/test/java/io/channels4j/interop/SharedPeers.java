package io.channels4j.interop;

import io.channels4j.Pusher;
import io.channels4j.auth.PresenceMember;
import io.channels4j.auth.UserData;
import io.channels4j.crypto.SecretBoxEncryption;
import io.channels4j.interop.support.AppServer;
import io.channels4j.interop.support.NodeOracle;
import io.channels4j.interop.support.PusherJsClients;
import io.channels4j.interop.support.Resources;
import io.channels4j.interop.support.Soketi;
import io.channels4j.interop.support.SoketiConfig;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One soketi, one app server (auth endpoints and webhook receiver) and one {@code pusher} oracle,
 * shared by every IT class of a run: starting soketi is the slow part (20 s on a busy 2-core
 * machine). Started on first use, kept in JUnit's root store and closed when the run ends (JUnit
 * closes {@link AutoCloseable} values of its stores), and by the support classes' shutdown hook if
 * the JVM dies first.
 *
 * <p>IT classes take it as a parameter of their {@code @BeforeAll} method:
 *
 * <pre>{@code
 * @ExtendWith(SharedPeers.Resolver.class)
 * class TriggerIT {
 *   @BeforeAll
 *   static void start(SharedPeers peers) { ... }
 * }
 * }</pre>
 *
 * <p>Classes run one after another (one fork, no parallelism), so each may set the app server's
 * handlers for itself; they keep apart on soketi by using their own channel names ({@link
 * #channelPrefix}). Each class starts its own {@link PusherJsClients} (cheap). If a peer cannot
 * start, the constructor throws and every test that needs the peers fails (never skips).
 */
final class SharedPeers implements AutoCloseable {

  /** A fixed app, so that a failure message can be reproduced by hand. */
  static final String APP_ID = "interop-app";

  static final String KEY = "interop-key";

  static final String SECRET = "interop-secret";

  /** Bounded waits for things that normally take milliseconds. */
  static final Duration WAIT = Duration.ofSeconds(10);

  private static final String STORE_KEY = SharedPeers.class.getName();

  /** The master key of the encrypted channels, fresh for each run. */
  final String masterKeyBase64;

  final AppServer app;
  final Soketi soketi;
  final NodeOracle oracle;

  private SharedPeers() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    masterKeyBase64 = Base64.getEncoder().encodeToString(key);
    AppServer startedApp = null;
    Soketi startedSoketi = null;
    try {
      startedApp = AppServer.start();
      startedSoketi =
          Soketi.start(
              SoketiConfig.builder()
                  .appId(APP_ID)
                  .key(KEY)
                  .secret(SECRET)
                  .webhook(startedApp.webhookUri())
                  .build());
      NodeOracle startedOracle = NodeOracle.start(startedSoketi);
      startedOracle.configure(Map.of("encryptionMasterKeyBase64", masterKeyBase64));
      app = startedApp;
      soketi = startedSoketi;
      oracle = startedOracle;
    } catch (RuntimeException | Error e) {
      Resources.closeAll(startedSoketi, startedApp);
      throw e;
    }
  }

  /**
   * A channels4j client builder for the shared soketi's app, with encryption enabled and a generous
   * timeout (the machine is shared).
   */
  Pusher.Builder pusherBuilder() {
    return Pusher.builder()
        .appId(APP_ID)
        .key(KEY)
        .secret(SECRET)
        .host(soketi.host())
        .port(soketi.port())
        .useTls(false)
        .timeout(Duration.ofSeconds(20))
        .encryption(SecretBoxEncryption.withMasterKeyBase64(masterKeyBase64));
  }

  /**
   * A channels4j client for the shared app that also answers the app server's auth endpoints
   * ({@link #authorizeWith}): the usual client of an IT class.
   */
  Pusher authorizingPusher() {
    Pusher pusher = pusherBuilder().build();
    authorizeWith(pusher);
    return pusher;
  }

  /**
   * Wires the app server's auth endpoints to channels4j's form-body methods, as an application
   * would. pusher-js posts {@code socket_id} and {@code channel_name}, plus the connection's {@code
   * authParams} / {@code userAuthParams}: here {@code user_id} and optionally {@code user_info}
   * (JSON text), which say who the connection is. Presence channels and sign-ins need them.
   */
  void authorizeWith(Pusher pusher) {
    app.onChannelAuth(
        form -> {
          Map<String, String> fields = AppServer.parseForm(form);
          String channel = fields.get("channel_name");
          if (channel != null && channel.startsWith("presence-")) {
            return pusher.authorizeChannelFromForm(form, member(fields)).toJson();
          }
          return pusher.authorizeChannelFromForm(form).toJson();
        });
    app.onUserAuth(
        form -> {
          Map<String, String> fields = AppServer.parseForm(form);
          UserData user = UserData.of(fields.get("user_id"));
          if (fields.containsKey("user_info")) {
            user = user.withUserInfo(Interop.parse(fields.get("user_info")));
          }
          return pusher.authenticateUserFromForm(form, user).toJson();
        });
  }

  private static PresenceMember member(Map<String, String> fields) {
    String userId = fields.get("user_id");
    String info = fields.get("user_info");
    return info == null
        ? PresenceMember.of(userId)
        : PresenceMember.of(userId, Interop.parse(info));
  }

  /** Starts a pusher-js clients process for the shared soketi and app server. */
  PusherJsClients startClients() {
    return PusherJsClients.start(soketi, app);
  }

  /**
   * A prefix for the channel names of one IT class, unique in the run, so that classes sharing a
   * soketi (and its webhooks) do not see each other's channels.
   */
  static String channelPrefix(Class<?> testClass) {
    return testClass.getSimpleName().toLowerCase(Locale.ROOT) + "-";
  }

  @Override
  public void close() {
    Resources.closeAll(oracle, soketi, app);
  }

  /** Resolves a {@link SharedPeers} parameter, starting the peers on first use. */
  static final class Resolver implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return parameter.getParameter().getType() == SharedPeers.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      ExtensionContext.Store store = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL);
      return store.getOrComputeIfAbsent(STORE_KEY, key -> new SharedPeers(), SharedPeers.class);
    }
  }
}
