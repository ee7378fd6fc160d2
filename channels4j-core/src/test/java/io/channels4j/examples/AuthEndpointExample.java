package io.channels4j.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.channels4j.Pusher;
import io.channels4j.ValidationException;
import io.channels4j.auth.ChannelAuthRequest;
import io.channels4j.auth.ChannelAuthorization;
import io.channels4j.auth.PresenceMember;
import io.channels4j.auth.UserData;
import io.channels4j.webhook.InvalidWebhookException;
import io.channels4j.webhook.Webhook;
import io.channels4j.webhook.WebhookEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The three endpoints a Pusher application serves, on the JDK's own HTTP server: channel
 * authorization ({@code /pusher/auth}), user authentication ({@code /pusher/user-auth}) and
 * webhooks ({@code /pusher/webhook}). docs/auth-and-webhooks.md walks through it.
 *
 * <p>Who is signed in comes from the {@code X-User} header here; a real application reads its
 * session cookie or token instead.
 */
public final class AuthEndpointExample implements AutoCloseable {
  private final Pusher pusher;
  private final Consumer<WebhookEvent> onEvent;
  private final HttpServer server;

  /**
   * Starts the endpoints on a free port of 127.0.0.1.
   *
   * @param pusher the client, shared with the rest of the application
   * @param onEvent what to do with each verified webhook event
   * @throws IOException when the server cannot start
   */
  public AuthEndpointExample(Pusher pusher, Consumer<WebhookEvent> onEvent) throws IOException {
    this.pusher = pusher;
    this.onEvent = onEvent;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/pusher/auth", this::authorizeChannel);
    server.createContext("/pusher/user-auth", this::authenticateUser);
    server.createContext("/pusher/webhook", this::receiveWebhook);
    server.start();
  }

  /** The user of a request: in a real application, from the session. */
  private static String signedInUser(HttpExchange exchange) {
    return exchange.getRequestHeaders().getFirst("X-User");
  }

  /** What other members see of a user: in a real application, from the user store. */
  private static String displayName(String user) {
    return user.equals("10") ? "Mr. Pusher" : "User " + user;
  }

  /** Whether a user may subscribe to a channel: the application's own rule. */
  private static boolean mayJoin(String user, String channel) {
    return !channel.startsWith("private-user-") || channel.equals("private-user-" + user);
  }

  private void authorizeChannel(HttpExchange exchange) throws IOException {
    String user = signedInUser(exchange);
    String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    ChannelAuthorization auth;
    try {
      ChannelAuthRequest request = ChannelAuthRequest.fromForm(form);
      if (user == null || !mayJoin(user, request.channelName())) {
        respond(exchange, 403, "{\"error\":\"forbidden\"}");
        return;
      }
      auth =
          request.isPresence()
              ? pusher.authorizeChannel(
                  request.socketId(),
                  request.channelName(),
                  PresenceMember.of(user, Map.of("name", displayName(user))))
              : pusher.authorizeChannel(request.socketId(), request.channelName());
    } catch (ValidationException e) {
      respond(exchange, 400, "{\"error\":\"bad request\"}");
      return;
    }
    respond(exchange, 200, auth.toJson());
  }

  private void authenticateUser(HttpExchange exchange) throws IOException {
    String user = signedInUser(exchange);
    if (user == null) {
      respond(exchange, 403, "{\"error\":\"forbidden\"}");
      return;
    }
    String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    try {
      respond(exchange, 200, pusher.authenticateUserFromForm(form, UserData.of(user)).toJson());
    } catch (ValidationException e) {
      respond(exchange, 400, "{\"error\":\"bad request\"}");
    }
  }

  private void receiveWebhook(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    Webhook webhook;
    try {
      webhook = pusher.verifyWebhook(exchange.getRequestHeaders(), body);
    } catch (InvalidWebhookException e) {
      respond(exchange, 401, "");
      return;
    }
    webhook.events().forEach(onEvent);
    respond(exchange, 200, "");
  }

  private static void respond(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /**
   * Returns where the server listens.
   *
   * @return e.g. {@code http://127.0.0.1:53124}
   */
  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Stops the server. */
  @Override
  public void close() {
    server.stop(0);
  }
}
