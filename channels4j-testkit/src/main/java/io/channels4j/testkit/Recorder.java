package io.channels4j.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** A thread-safe log of received values with a cursor for {@code take}, like a queue. */
final class Recorder<T> {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition added = lock.newCondition();
  private final List<T> all = new ArrayList<>();
  private int taken;

  void add(T value) {
    lock.lock();
    try {
      all.add(value);
      added.signalAll();
    } finally {
      lock.unlock();
    }
  }

  List<T> snapshot() {
    lock.lock();
    try {
      return List.copyOf(all);
    } finally {
      lock.unlock();
    }
  }

  /** Returns the oldest value not yet taken, waiting up to {@code timeout} for one. */
  Optional<T> take(Duration timeout) throws InterruptedException {
    long nanos = timeout.toNanos();
    lock.lock();
    try {
      while (taken >= all.size()) {
        if (nanos <= 0) {
          return Optional.empty();
        }
        nanos = added.awaitNanos(nanos);
      }
      return Optional.of(all.get(taken++));
    } finally {
      lock.unlock();
    }
  }

  /** Waits until at least {@code count} values were recorded; returns them all, or empty. */
  Optional<List<T>> await(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    lock.lock();
    try {
      while (all.size() < count) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return Optional.empty();
        }
        added.await(left, TimeUnit.NANOSECONDS);
      }
      return Optional.of(List.copyOf(all));
    } finally {
      lock.unlock();
    }
  }

  int size() {
    lock.lock();
    try {
      return all.size();
    } finally {
      lock.unlock();
    }
  }

  void clear() {
    lock.lock();
    try {
      all.clear();
      taken = 0;
    } finally {
      lock.unlock();
    }
  }
}
