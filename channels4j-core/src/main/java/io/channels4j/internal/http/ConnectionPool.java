package io.channels4j.internal.http;

import io.channels4j.internal.Logs;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Idle keep-alive connections per endpoint, most recently used first, and the rules that make a
 * stale one rare: a connection is reused only within the client's idle timeout and a second less
 * than the server's announced {@code Keep-Alive: timeout}, only when its last answer allowed it,
 * and after a check of the raw channel for a close or unsolicited bytes once it has been idle a
 * while.
 */
final class ConnectionPool {
  /**
   * A connection idle at least this long is checked before reuse. A connection in steady use is not
   * (the check costs three system calls); servers close idle connections after seconds, not within
   * this.
   */
  static final long CHECK_AFTER_IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  /** How much sooner than the server's announced idle timeout a connection is given up. */
  private static final long SERVER_TIMEOUT_MARGIN_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final int maxIdle;
  private final long idleTimeoutNanos;
  private final Map<String, ConcurrentLinkedDeque<Connection>> pools = new ConcurrentHashMap<>();
  private final AtomicInteger idleCount = new AtomicInteger();
  private volatile boolean closed;

  ConnectionPool(int maxIdle, long idleTimeoutNanos) {
    this.maxIdle = maxIdle;
    this.idleTimeoutNanos = idleTimeoutNanos;
  }

  /** Takes an idle connection that may be reused, closing the stale ones met; or null. */
  Connection borrow(String key) {
    ConcurrentLinkedDeque<Connection> pool = pools.get(key);
    if (pool == null) {
      return null;
    }
    Connection c;
    long now = System.nanoTime();
    while ((c = pool.pollFirst()) != null) {
      idleCount.decrementAndGet();
      long idle = now - c.idleSince;
      if (idle < maxIdleNanos(c)) {
        if (c.channel.isOpen()
            && c.pos == c.limit
            && (idle < CHECK_AFTER_IDLE_NANOS || c.stillQuiet())) {
          c.reused = true;
          return c;
        }
        // The key is "p:host:port" or "s:host:port".
        Logs.staleConnection(
            key.substring(2), "closed by the server, or out of step (stray bytes), while idle");
      }
      c.closeQuietly();
    }
    return null;
  }

  private long maxIdleNanos(Connection c) {
    long server = c.serverIdleNanos;
    if (server < 0) {
      return idleTimeoutNanos;
    }
    return Math.min(idleTimeoutNanos, server - SERVER_TIMEOUT_MARGIN_NANOS);
  }

  /** Keeps a connection whose last answer allows reuse, or closes it. */
  void release(String key, Connection c) {
    if (closed || !c.keepAlive || maxIdleNanos(c) <= 0) {
      c.closeQuietly();
      return;
    }
    if (idleCount.incrementAndGet() > maxIdle) {
      idleCount.decrementAndGet();
      c.closeQuietly();
      return;
    }
    c.idleSince = System.nanoTime();
    pools.computeIfAbsent(key, k -> new ConcurrentLinkedDeque<>()).offerFirst(c);
    if (closed) {
      drain();
    }
  }

  void close() {
    closed = true;
    drain();
  }

  private void drain() {
    for (ConcurrentLinkedDeque<Connection> pool : pools.values()) {
      Connection c;
      while ((c = pool.pollFirst()) != null) {
        idleCount.decrementAndGet();
        c.closeQuietly();
      }
    }
  }

  /** The number of idle connections, for tests. */
  int idle() {
    return Math.max(0, idleCount.get());
  }
}
