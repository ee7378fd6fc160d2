package io.channels4j.internal.http;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One deadline per attempt: closes the channel of every connection still busy at its attempt's
 * deadline, which ends a blocked name-resolution wait, connect, TLS handshake, write or read at
 * once.
 *
 * <p>Attempts publish their deadline on their connection ({@link #watch}); the thread sleeps until
 * the earliest published deadline, and an attempt with an earlier one wakes it. So under load it
 * wakes about once per timeout period, not per request. It starts on first need and ends after a
 * second without work.
 *
 * <p>It never blocks: expiring closes the {@link java.nio.channels.SocketChannel}, never the TLS
 * socket (see {@link Connection}). It survives its own failures: an exception expiring one
 * connection does not stop the others, and if the thread dies anyway the next attempt starts a new
 * one.
 */
final class DeadlineWatchdog implements Runnable {
  private static final long LINGER_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final Set<Connection> open = ConcurrentHashMap.newKeySet();
  private volatile Thread thread;
  private volatile boolean sleepingIdle;
  private volatile long wakeAt;
  private volatile boolean closing;

  void register(Connection c) {
    open.add(c);
  }

  void unregister(Connection c) {
    open.remove(c);
  }

  /** Publishes the deadline of the attempt (or phase of it) that starts now on {@code c}. */
  void watch(Connection c, long deadline) {
    c.deadline = deadline == Connection.IDLE ? deadline + 1 : deadline;
    Thread t = thread;
    if (t == null) {
      start();
    } else if (sleepingIdle || deadline - wakeAt < 0) {
      LockSupport.unpark(t);
    }
  }

  /** The attempt on {@code c} has ended. */
  void unwatch(Connection c) {
    c.deadline = Connection.IDLE;
    if (closing) {
      wake(); // let the thread of a closed transport end as soon as nothing is in flight
    }
  }

  /** The transport is closing: end the thread once nothing is in flight. */
  void close() {
    closing = true;
    wake();
  }

  private void wake() {
    Thread t = thread;
    if (t != null) {
      LockSupport.unpark(t);
    }
  }

  private synchronized void start() {
    if (thread == null) {
      Thread t = new Thread(this, "channels4j-request-timeout");
      t.setDaemon(true);
      t.setContextClassLoader(null); // pin no application's class loader
      thread = t;
      t.start();
    }
  }

  @Override
  public void run() {
    try {
      loop();
    } finally {
      // Whatever ended the loop (even an Error), the next attempt starts a new thread.
      synchronized (this) {
        if (thread == Thread.currentThread()) {
          thread = null;
        }
      }
    }
  }

  private void loop() {
    long idleSince = System.nanoTime();
    while (true) {
      long now = System.nanoTime();
      long earliest = scan(now);
      boolean busy = earliest != Connection.IDLE;
      // Publish, then look again: an attempt that started during the scan either shows up in the
      // second look or sees what was published and wakes this thread.
      sleepingIdle = !busy;
      wakeAt = earliest;
      long again = scan(System.nanoTime());
      if (again != Connection.IDLE && (!busy || again - earliest < 0)) {
        continue;
      }
      if (busy) {
        idleSince = now;
        LockSupport.parkNanos(this, earliest - now);
      } else if (closing || now - idleSince >= LINGER_NANOS) {
        if (retire()) {
          return;
        }
      } else {
        LockSupport.parkNanos(this, LINGER_NANOS - (now - idleSince));
      }
      Thread.interrupted(); // nobody may stop this thread by interrupting it
    }
  }

  /**
   * Expires the attempts past their deadline and returns the earliest deadline of the others, or
   * {@link Connection#IDLE} when none is in flight.
   */
  private long scan(long now) {
    long earliest = Connection.IDLE;
    for (Connection c : open) {
      long d = c.deadline;
      if (d == Connection.IDLE) {
        continue;
      }
      if (d - now <= 0) {
        try {
          c.expireIfStill(d);
        } catch (RuntimeException | LinkageError e) {
          // One broken close must not stop the others; the channel is forgotten below.
          open.remove(c);
        }
      } else if (earliest == Connection.IDLE || d - earliest < 0) {
        earliest = d;
      }
    }
    return earliest;
  }

  /** Ends the thread unless an attempt started meanwhile; a later attempt starts a new one. */
  private synchronized boolean retire() {
    thread = null;
    if (scan(System.nanoTime()) != Connection.IDLE) {
      thread = Thread.currentThread();
      return false;
    }
    return true;
  }

  /** Whether the thread is running, for tests. */
  boolean running() {
    Thread t = thread;
    return t != null && t.isAlive();
  }
}
