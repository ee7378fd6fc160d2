package io.channels4j.testkit.internal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.ToLongFunction;

/**
 * A thread-safe, bounded log of received values with a cursor for {@code take}, like a queue. When
 * a new value would pass the count or weight budget, the oldest values are dropped (taken or not)
 * and counted, so a flood costs bounded memory. A single value heavier than the whole budget is
 * still kept, alone.
 *
 * @param <T> the values
 */
public final class Recorder<T> {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition added = lock.newCondition();
  // The kept values are taken ++ pending, oldest first: takes move values from one to the other.
  private final ArrayDeque<Entry<T>> taken = new ArrayDeque<>();
  private final ArrayDeque<Entry<T>> pending = new ArrayDeque<>();
  private final int maxCount;
  private final long maxWeight;
  private final ToLongFunction<T> weigher;
  private long weight;
  private long received;
  private long dropped;

  /**
   * A recorder that keeps at most {@code maxCount} values weighing at most {@code maxWeight}.
   *
   * @param maxCount at least 1
   * @param maxWeight at least 0
   * @param weigher the weight of a value, e.g. its bytes
   */
  public Recorder(int maxCount, long maxWeight, ToLongFunction<T> weigher) {
    this.maxCount = maxCount;
    this.maxWeight = maxWeight;
    this.weigher = weigher;
  }

  /**
   * A recorder bounded by count only.
   *
   * @param maxCount at least 1
   * @param <T> the values
   * @return the recorder
   */
  public static <T> Recorder<T> ofCount(int maxCount) {
    return new Recorder<>(maxCount, Long.MAX_VALUE, v -> 0);
  }

  /**
   * Records a value, dropping the oldest ones when the budget would be passed.
   *
   * @param value the value
   */
  public void add(T value) {
    long w = weigher.applyAsLong(value);
    lock.lock();
    try {
      while (size() > 0 && (size() >= maxCount || weight + w > maxWeight)) {
        Entry<T> oldest = taken.isEmpty() ? pending.removeFirst() : taken.removeFirst();
        weight -= oldest.weight();
        dropped++;
      }
      pending.addLast(new Entry<>(value, w));
      weight += w;
      received++;
      added.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Returns the kept values, oldest first.
   *
   * @return a copy
   */
  public List<T> snapshot() {
    lock.lock();
    try {
      return all();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Returns the oldest kept value not yet taken, waiting up to {@code timeout} for one.
   *
   * @param timeout how long to wait
   * @return the value, or empty when none arrived in time
   * @throws InterruptedException when interrupted while waiting
   */
  public Optional<T> take(Duration timeout) throws InterruptedException {
    long nanos = timeout.toNanos();
    lock.lock();
    try {
      while (pending.isEmpty()) {
        if (nanos <= 0) {
          return Optional.empty();
        }
        nanos = added.awaitNanos(nanos);
      }
      Entry<T> next = pending.removeFirst();
      taken.addLast(next);
      return Optional.of(next.value());
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until at least {@code count} values were received (kept or since dropped).
   *
   * @param count how many
   * @param timeout how long to wait
   * @return the kept values, or empty when too few arrived in time
   * @throws InterruptedException when interrupted while waiting
   */
  public Optional<List<T>> await(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    lock.lock();
    try {
      while (received < count) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return Optional.empty();
        }
        added.await(left, TimeUnit.NANOSECONDS);
      }
      return Optional.of(all());
    } finally {
      lock.unlock();
    }
  }

  /**
   * Returns how many values were received since the last clear, kept or dropped.
   *
   * @return the count
   */
  public long received() {
    lock.lock();
    try {
      return received;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Returns how many of the oldest values were dropped to stay within the budget.
   *
   * @return the count
   */
  public long dropped() {
    lock.lock();
    try {
      return dropped;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Returns the weight of the kept values.
   *
   * @return the weight
   */
  public long weight() {
    lock.lock();
    try {
      return weight;
    } finally {
      lock.unlock();
    }
  }

  private record Entry<T>(T value, long weight) {}

  private int size() {
    return taken.size() + pending.size();
  }

  private List<T> all() {
    List<T> out = new ArrayList<>(size());
    taken.forEach(e -> out.add(e.value()));
    pending.forEach(e -> out.add(e.value()));
    return Collections.unmodifiableList(out);
  }

  /** Forgets every value and resets the counts. */
  public void clear() {
    lock.lock();
    try {
      taken.clear();
      pending.clear();
      weight = 0;
      received = 0;
      dropped = 0;
    } finally {
      lock.unlock();
    }
  }
}
