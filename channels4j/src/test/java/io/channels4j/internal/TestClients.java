package io.channels4j.internal;

import io.channels4j.Pusher;

/** Builds clients for tests that never send a request. */
final class TestClients {
  private TestClients() {}

  static Pusher.Builder builder(String key, String secret) {
    return Pusher.builder().appId("3").key(key).secret(secret).host("127.0.0.1").useTls(false);
  }

  static Pusher pusher(String key, String secret) {
    return builder(key, secret).build();
  }
}
