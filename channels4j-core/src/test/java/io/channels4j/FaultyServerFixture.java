package io.channels4j;

import io.channels4j.spi.tck.FaultyServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;

/**
 * A fresh {@link FaultyServer} for each test and the clients the test builds against it. After the
 * test the gate opens (so held answers finish), then the clients and the server close.
 */
abstract class FaultyServerFixture {
  final FaultyServer server = FaultyServer.start();

  /** Answers built with {@code holdUntil(gate, ...)} wait for it; it opens after each test. */
  final CountDownLatch gate = new CountDownLatch(1);

  private final List<Pusher> clients = new ArrayList<>();

  /** Builds a client that is closed after the test. */
  Pusher client(Pusher.Builder builder) {
    Pusher pusher = builder.build();
    clients.add(pusher);
    return pusher;
  }

  @AfterEach
  void stopClientsAndServer() {
    gate.countDown();
    clients.forEach(Pusher::close);
    server.close();
  }
}
