package io.channels4j.testkit.internal;

import java.util.List;

/** Maps a method and path to its endpoint, or to the 404 or 405 the service answers. */
final class Router {
  private static final String API = "/apps/";
  private static final String PUSH_API = "/server_api/v1/apps/";

  /** Where a request goes: its endpoint and the method it takes, or a refusal. */
  record Route(String method, Endpoint endpoint, Reply refusal) {
    static Route to(String method, Endpoint endpoint) {
      return new Route(method, endpoint, null);
    }

    static Route refused(Reply refusal) {
      return new Route(null, null, refusal);
    }
  }

  private final String appId;
  private final EventEndpoints events;
  private final ChannelEndpoints channels;
  private final UserEndpoints users;
  private final PushEndpoint push;

  Router(
      String appId,
      EventEndpoints events,
      ChannelEndpoints channels,
      UserEndpoints users,
      PushEndpoint push) {
    this.appId = appId;
    this.events = events;
    this.channels = channels;
    this.users = users;
    this.push = push;
  }

  /**
   * Finds the endpoint of a request.
   *
   * @param method the request's method
   * @param path the decoded path
   * @return the route; its refusal is set when the path is unknown (404) or the method wrong (405)
   */
  Route route(String method, String path) {
    Route route = find(path);
    if (route.refusal() == null && !route.method().equals(method)) {
      return Route.refused(Reply.text(405, "Method not allowed: use " + route.method()));
    }
    return route;
  }

  private Route find(String path) {
    boolean isPush = path.startsWith(PUSH_API);
    List<String> parts;
    if (isPush) {
      parts = List.of(path.substring(PUSH_API.length()).split("/", -1));
    } else if (path.startsWith(API)) {
      parts = List.of(path.substring(API.length()).split("/", -1));
    } else {
      return notFound(path);
    }
    if (!parts.get(0).equals(appId)) {
      return Route.refused(Reply.text(404, "The app " + parts.get(0) + " could not be found."));
    }
    int n = parts.size();
    if (isPush) {
      return n == 2 && parts.get(1).equals("notifications")
          ? Route.to("POST", (q, b) -> push.notify(b))
          : notFound(path);
    }
    if (n == 2 && parts.get(1).equals("events")) {
      return Route.to("POST", (q, b) -> events.trigger(b));
    }
    if (n == 2 && parts.get(1).equals("batch_events")) {
      return Route.to("POST", (q, b) -> events.batch(b));
    }
    if (n == 2 && parts.get(1).equals("channels")) {
      return Route.to("GET", (q, b) -> channels.list(q));
    }
    if (n == 3 && parts.get(1).equals("channels")) {
      return Route.to("GET", (q, b) -> channels.one(parts.get(2), q));
    }
    if (n == 4 && parts.get(1).equals("channels") && parts.get(3).equals("users")) {
      return Route.to("GET", (q, b) -> channels.users(parts.get(2)));
    }
    if (n == 4 && parts.get(1).equals("users") && parts.get(3).equals("terminate_connections")) {
      return Route.to("POST", (q, b) -> users.terminateConnections(parts.get(2)));
    }
    return notFound(path);
  }

  private static Route notFound(String path) {
    return Route.refused(Reply.text(404, "Not found: " + path));
  }
}
