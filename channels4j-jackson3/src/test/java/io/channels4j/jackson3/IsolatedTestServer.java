package io.channels4j.jackson3;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The testkit's {@code PusherTestServer}, run in a class loader of its own, like a server in
 * another process. The testkit uses Jackson 2 databind for its own JSON; loaded here, that stays
 * out of the application's class path, which is what the tests of this module prove has none. The
 * jars are listed by the build in {@code target/testkit.classpath} (see this module's pom).
 */
final class IsolatedTestServer implements AutoCloseable {
  private final URLClassLoader loader;
  private final Object server;

  private IsolatedTestServer(URLClassLoader loader, Object server) {
    this.loader = loader;
    this.server = server;
  }

  static IsolatedTestServer start() throws Exception {
    Path listing = Path.of("target", "testkit.classpath");
    String classpath = Files.readString(listing, StandardCharsets.UTF_8).trim();
    List<URL> urls = new ArrayList<>();
    for (String entry : classpath.split(java.io.File.pathSeparator)) {
      urls.add(url(entry));
    }
    URLClassLoader loader =
        new URLClassLoader(
            "testkit", urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
    Class<?> type = loader.loadClass("io.channels4j.testkit.PusherTestServer");
    return new IsolatedTestServer(loader, type.getMethod("start").invoke(null));
  }

  private static URL url(String entry) throws MalformedURLException {
    return Path.of(entry).toUri().toURL();
  }

  /** Whether Jackson 2 databind is visible to the server's class loader (it must be). */
  boolean serverHasJackson2Databind() {
    try {
      Class.forName("com.fasterxml.jackson.databind.ObjectMapper", false, loader);
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  String appId() throws Exception {
    return (String) call("appId");
  }

  String key() throws Exception {
    return (String) call("key");
  }

  String secret() throws Exception {
    return (String) call("secret");
  }

  int port() throws Exception {
    return (Integer) call("port");
  }

  /** The next accepted event's data string, exactly as received. */
  String takeTriggerData() throws Exception {
    Object trigger = call("takeTrigger");
    return (String) trigger.getClass().getMethod("data").invoke(trigger);
  }

  /** Sends a signed webhook with the events; returns the receiver's HTTP status. */
  int sendWebhook(URI target, List<Map<String, Object>> events) throws Exception {
    Method send = server.getClass().getMethod("sendWebhook", URI.class, List.class);
    Object delivery = send.invoke(server, target, events);
    return (Integer) delivery.getClass().getMethod("status").invoke(delivery);
  }

  private Object call(String method) throws Exception {
    try {
      return server.getClass().getMethod(method).invoke(server);
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof Exception ex ? ex : e;
    }
  }

  @Override
  public void close() throws IOException {
    try {
      server.getClass().getMethod("close").invoke(server);
    } catch (ReflectiveOperationException e) {
      throw new IOException("the test server did not close", e);
    } finally {
      loader.close();
    }
  }
}
