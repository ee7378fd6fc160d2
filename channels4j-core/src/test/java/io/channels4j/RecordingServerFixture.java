package io.channels4j;

import org.junit.jupiter.api.AfterEach;

/**
 * A fresh {@link RecordingServer} and a client of it for each test, both closed after it: the
 * fixture of the tests that check what one call sends and how its answer is read.
 */
abstract class RecordingServerFixture {
  final RecordingServer server = RecordingServer.start();
  final Pusher pusher = server.client();

  @AfterEach
  void stopClientAndServer() {
    pusher.close();
    server.close();
  }
}
