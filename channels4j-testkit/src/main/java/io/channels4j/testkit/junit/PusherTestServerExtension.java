package io.channels4j.testkit.junit;

import io.channels4j.Pusher;
import io.channels4j.testkit.PusherTestServer;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that runs a {@link PusherTestServer} for a test class and injects it, and its
 * {@link PusherTestServer#client() client}, into parameters of type {@code PusherTestServer} and
 * {@code Pusher} of test methods and of {@code @BeforeEach} / {@code @AfterEach} methods (and of
 * {@code @BeforeAll} / {@code @AfterAll} methods when the server lives per class).
 *
 * <p>How long a server lives:
 *
 * <ul>
 *   <li>With {@link WithPusherTestServer @WithPusherTestServer}, as its value says (one per class
 *       by default).
 *   <li>Registered with {@code @RegisterExtension} on a {@code static} field: one per class; on an
 *       instance field: one per test. {@link #perTest()} makes a static field's server per test.
 * </ul>
 *
 * <p>A server shared by a class is {@link PusherTestServer#reset() reset} after each test: its
 * recordings, seeded channels and queued faults are forgotten, so seed in {@code @BeforeEach}, not
 * in {@code @BeforeAll}. Each server is closed, with its client, when its class or test ends.
 *
 * <p>Only one instance of this extension may resolve parameters in a test class; to run two
 * servers, register two and use {@link #server()} instead of parameters.
 */
public final class PusherTestServerExtension
    implements BeforeAllCallback,
        AfterAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        ParameterResolver {
  private static final String KEY = "server";

  private final Consumer<PusherTestServer.Builder> configure;
  private final ServerLifecycle lifecycle; // null: from the annotation, else per class
  private volatile PusherTestServer current;

  /** A server with default settings; used by {@link WithPusherTestServer}. */
  public PusherTestServerExtension() {
    this(builder -> {}, null);
  }

  private PusherTestServerExtension(
      Consumer<PusherTestServer.Builder> configure, ServerLifecycle lifecycle) {
    this.configure = configure;
    this.lifecycle = lifecycle;
  }

  /**
   * An extension whose servers are configured by {@code configure}, for {@code RegisterExtension}:
   *
   * <pre>{@code
   * @RegisterExtension
   * static PusherTestServerExtension pusher =
   *     PusherTestServerExtension.withServer(b -> b.maxEventDataBytes(1024));
   * }</pre>
   *
   * @param configure adjusts each server's builder before it starts
   * @return the extension
   */
  public static PusherTestServerExtension withServer(Consumer<PusherTestServer.Builder> configure) {
    return new PusherTestServerExtension(Objects.requireNonNull(configure, "configure"), null);
  }

  /**
   * Returns this extension with a fresh server for each test, even when registered on a static
   * field.
   *
   * @return the extension
   */
  public PusherTestServerExtension perTest() {
    return new PusherTestServerExtension(configure, ServerLifecycle.PER_TEST);
  }

  /**
   * Returns the server of the running test, for tests that hold the extension in a field.
   *
   * @return the server
   * @throws IllegalStateException when no server runs (outside a test, or before it started)
   */
  public PusherTestServer server() {
    PusherTestServer s = current;
    if (s == null) {
      throw new IllegalStateException("no PusherTestServer is running: ask within a test");
    }
    return s;
  }

  /**
   * Returns the client of the running test's server, shared and closed with the server.
   *
   * @return the client
   * @throws IllegalStateException when no server runs
   */
  public Pusher client() {
    return server().client();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (lifecycle(context) == ServerLifecycle.PER_CLASS && find(context).isEmpty()) {
      start(context); // a @Nested class shares its enclosing class's server
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (find(context).isEmpty()) {
      start(context); // per test, or registered on an instance field
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (!stopOwn(context)) {
      find(context).ifPresent(PusherTestServer::reset);
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stopOwn(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == PusherTestServer.class || type == Pusher.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    PusherTestServer server =
        find(context)
            .orElseThrow(
                () ->
                    new ParameterResolutionException(
                        "no PusherTestServer runs for "
                            + context.getDisplayName()
                            + ": a server per test is started before @BeforeEach; take it in test"
                            + " methods and @BeforeEach/@AfterEach methods, not in constructors or"
                            + " @BeforeAll"));
    return parameter.getParameter().getType() == Pusher.class ? server.client() : server;
  }

  private ServerLifecycle lifecycle(ExtensionContext context) {
    if (lifecycle != null) {
      return lifecycle;
    }
    // Look on the class and, for @Nested classes, on the classes that enclose it.
    for (Class<?> c = context.getRequiredTestClass(); c != null; c = c.getEnclosingClass()) {
      WithPusherTestServer a = c.getAnnotation(WithPusherTestServer.class);
      if (a != null) {
        return a.value();
      }
    }
    return ServerLifecycle.PER_CLASS;
  }

  private ExtensionContext.Namespace namespace() {
    return ExtensionContext.Namespace.create(PusherTestServerExtension.class, this);
  }

  /** The server of this context or of an enclosing one (class, outer class). */
  private Optional<PusherTestServer> find(ExtensionContext context) {
    return Optional.ofNullable(context.getStore(namespace()).get(KEY, PusherTestServer.class));
  }

  private void start(ExtensionContext context) {
    PusherTestServer.Builder builder = PusherTestServer.builder();
    configure.accept(builder);
    PusherTestServer server = builder.start();
    context.getStore(namespace()).put(KEY, server);
    current = server;
  }

  /** Closes the server started at this context's level, if any. */
  private boolean stopOwn(ExtensionContext context) {
    PusherTestServer own = context.getStore(namespace()).remove(KEY, PusherTestServer.class);
    if (own == null) {
      return false;
    }
    own.close();
    if (current == own) {
      current = find(context).orElse(null); // back to an enclosing class's server, if any
    }
    return true;
  }
}
