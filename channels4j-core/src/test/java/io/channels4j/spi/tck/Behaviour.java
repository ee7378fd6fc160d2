package io.channels4j.spi.tck;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * How a {@link FaultyServer} answers one request: the scripted answers and faults. Each factory
 * returns a behaviour for {@link FaultyServer#enqueue} or {@link FaultyServer#setFallback}.
 */
@FunctionalInterface
public interface Behaviour {

  /**
   * Answers a request.
   *
   * @param exchange the request and its connection
   * @return true to keep the connection open for the next request
   * @throws IOException when the connection breaks
   * @throws InterruptedException when the server is closing
   */
  boolean answer(Exchange exchange) throws IOException, InterruptedException;

  /**
   * Whether the server reads the request body before answering.
   *
   * @return true unless the behaviour wants the body left unread
   */
  default boolean readsBody() {
    return true;
  }

  /**
   * Answers with a Content-Length body and keeps the connection open.
   *
   * @param status the status
   * @param body the body text (UTF-8)
   * @param headerPairs extra headers: name, value, name, value...
   * @return the behaviour
   */
  static Behaviour respond(int status, String body, String... headerPairs) {
    return respond(status, body.getBytes(StandardCharsets.UTF_8), headerPairs);
  }

  /**
   * Answers with a Content-Length body and keeps the connection open.
   *
   * @param status the status
   * @param body the body bytes
   * @param headerPairs extra headers: name, value, name, value...
   * @return the behaviour
   */
  static Behaviour respond(int status, byte[] body, String... headerPairs) {
    return e -> {
      e.writeHead(status, withLength(body.length, headerPairs));
      e.write(body);
      return true;
    };
  }

  /**
   * Answers with a chunked body, one chunk per argument, and keeps the connection open.
   *
   * @param status the status
   * @param chunks the chunks (UTF-8)
   * @return the behaviour
   */
  static Behaviour respondChunked(int status, String... chunks) {
    return e -> {
      e.writeHead(status, "Content-Type", "application/json", "Transfer-Encoding", "chunked");
      for (String chunk : chunks) {
        byte[] bytes = chunk.getBytes(StandardCharsets.UTF_8);
        e.write(Integer.toHexString(bytes.length) + ";ext=1\r\n");
        e.write(bytes);
        e.write("\r\n");
      }
      e.write("0\r\nX-Trailer: yes\r\n\r\n");
      return true;
    };
  }

  /**
   * Answers with {@code Connection: close} and a Content-Length body, then closes.
   *
   * @param status the status
   * @param body the body text
   * @return the behaviour
   */
  static Behaviour respondAndClose(int status, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return e -> {
      e.writeHead(status, withLength(bytes.length, "Connection", "close"));
      e.write(bytes);
      return false;
    };
  }

  /**
   * Answers with {@code Connection: close} and a body delimited by closing the connection (no
   * Content-Length, not chunked).
   *
   * @param status the status
   * @param body the body text
   * @return the behaviour
   */
  static Behaviour respondUntilClose(int status, String body) {
    return e -> {
      e.writeHead(status, "Connection", "close", "Content-Type", "application/json");
      e.write(body.getBytes(StandardCharsets.UTF_8));
      return false;
    };
  }

  /**
   * Answers like a keep-alive server, then closes the connection at once without saying so.
   *
   * @param status the status
   * @param body the body text
   * @return the behaviour
   */
  static Behaviour respondThenCloseSilently(int status, String body) {
    Behaviour answer = respond(status, body);
    return e -> {
      answer.answer(e);
      e.close();
      return false;
    };
  }

  /**
   * Answers like a keep-alive server, then waits for the next request on the connection and resets
   * the connection as its first byte arrives, without reading it: a server's idle timeout firing
   * just as the client reuses the connection. The dropped request is not counted.
   *
   * @param status the status
   * @param body the body text
   * @return the behaviour
   */
  static Behaviour respondThenDropNextRequest(int status, String body) {
    Behaviour answer = respond(status, body);
    return e -> {
      answer.answer(e);
      if (e.readByte() >= 0) {
        e.reset();
      }
      return false;
    };
  }

  /**
   * Sends the head and half the declared body, then resets the connection.
   *
   * @param status the status
   * @param body the full body the head declares
   * @return the behaviour
   */
  static Behaviour resetMidResponse(int status, String body) {
    return halfBodyThen(status, body, true);
  }

  /**
   * Sends the head and half the declared body, then closes the connection normally.
   *
   * @param status the status
   * @param body the full body the head declares
   * @return the behaviour
   */
  static Behaviour truncatedBody(int status, String body) {
    return halfBodyThen(status, body, false);
  }

  /**
   * Sends the head at once, then the body one byte at a time.
   *
   * @param status the status
   * @param body the body
   * @param perByte the pause before each byte
   * @return the behaviour
   */
  static Behaviour slowBody(int status, String body, Duration perByte) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return e -> {
      e.writeHead(status, withLength(bytes.length));
      for (byte b : bytes) {
        Thread.sleep(perByte.toMillis());
        e.write(new byte[] {b});
      }
      return true;
    };
  }

  /**
   * Waits, then behaves as {@code then}.
   *
   * @param delay the wait before answering
   * @param then the answer
   * @return the behaviour
   */
  static Behaviour delayed(Duration delay, Behaviour then) {
    return e -> {
      Thread.sleep(delay.toMillis());
      return then.answer(e);
    };
  }

  /**
   * Waits until {@code gate} opens (at most 30 s), then behaves as {@code then}.
   *
   * @param gate the latch to wait for
   * @param then the answer
   * @return the behaviour
   */
  static Behaviour holdUntil(CountDownLatch gate, Behaviour then) {
    return e -> {
      if (!gate.await(FaultyServer.HOLD_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
        return false;
      }
      return then.answer(e);
    };
  }

  /**
   * Reads the request and never answers; the connection stays open until the client closes it.
   *
   * @return the behaviour
   */
  static Behaviour neverAnswer() {
    return e -> {
      e.drainUntilClosed();
      return false;
    };
  }

  /**
   * Reads the request head only and leaves the body unread for {@code stall}, so a client sending a
   * large body blocks once the socket buffers are full; then reads and discards everything until
   * the client closes. Never answers.
   *
   * @param stall how long to leave the body unread (longer than the client's timeout)
   * @return the behaviour
   */
  static Behaviour stallWithoutReadingBody(Duration stall) {
    return new Behaviour() {
      @Override
      public boolean answer(Exchange e) throws IOException, InterruptedException {
        Thread.sleep(stall.toMillis());
        e.drainUntilClosed();
        return false;
      }

      @Override
      public boolean readsBody() {
        return false;
      }
    };
  }

  /**
   * Reads the request and closes the connection without answering.
   *
   * @return the behaviour
   */
  static Behaviour closeWithoutAnswer() {
    return e -> {
      e.close();
      return false;
    };
  }

  /**
   * Sends interim answers (1xx) with the given codes, then behaves as {@code then}.
   *
   * @param then the final answer
   * @param codes the interim codes, e.g. 100, 102, 103
   * @return the behaviour
   */
  static Behaviour interimThen(Behaviour then, int... codes) {
    return e -> {
      for (int code : codes) {
        e.write(
            "HTTP/1.1 "
                + code
                + " Interim\r\n"
                + (code == 103 ? "Link: </style.css>; rel=preload; as=style\r\n" : "")
                + "\r\n");
      }
      return then.answer(e);
    };
  }

  /**
   * Answers {@code 101 Switching Protocols} and then waits for the client to close.
   *
   * @return the behaviour
   */
  static Behaviour switchProtocols() {
    return e -> {
      e.write(
          "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n");
      e.drainUntilClosed();
      return false;
    };
  }

  /**
   * Reads the request in full, then resets the connection (TCP RST) without answering.
   *
   * @return the behaviour
   */
  static Behaviour readThenReset() {
    return e -> {
      e.reset();
      return false;
    };
  }

  /**
   * Writes raw text as the answer and keeps the connection open.
   *
   * @param text the whole answer, head and body, as sent
   * @return the behaviour
   */
  static Behaviour raw(String text) {
    return e -> {
      e.write(text);
      return true;
    };
  }

  /**
   * Answers a body of {@code size} bytes, framed by Content-Length, by chunks, or by closing,
   * written 64 KiB at a time until done or the client goes away.
   *
   * @param size the body size
   * @param framing {@code "length"}, {@code "chunked"} or {@code "close"}
   * @return the behaviour
   */
  static Behaviour hugeBody(long size, String framing) {
    return e -> {
      switch (framing) {
        case "length" -> e.writeHead(200, "Content-Length", Long.toString(size));
        case "chunked" -> e.writeHead(200, "Transfer-Encoding", "chunked");
        default -> e.writeHead(200, "Connection", "close");
      }
      byte[] piece = new byte[64 * 1024];
      java.util.Arrays.fill(piece, (byte) 'x');
      for (long sent = 0; sent < size; sent += piece.length) {
        if (framing.equals("chunked")) {
          e.write(Integer.toHexString(piece.length) + "\r\n");
          e.write(piece);
          e.write("\r\n");
        } else {
          e.write(piece);
        }
      }
      if (framing.equals("chunked")) {
        e.write("0\r\n\r\n");
      }
      return !framing.equals("close");
    };
  }

  /** Sends the head and half the declared body, then ends the connection with a reset or a FIN. */
  private static Behaviour halfBodyThen(int status, String body, boolean reset) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return e -> {
      e.writeHead(status, withLength(bytes.length));
      e.write(java.util.Arrays.copyOf(bytes, bytes.length / 2));
      if (reset) {
        e.reset();
      } else {
        e.close();
      }
      return false;
    };
  }

  private static String[] withLength(int length, String... headerPairs) {
    List<String> all = new ArrayList<>(List.of(headerPairs));
    all.add("Content-Length");
    all.add(Integer.toString(length));
    if (!all.contains("Content-Type")) {
      all.add("Content-Type");
      all.add("application/json");
    }
    return all.toArray(String[]::new);
  }
}
