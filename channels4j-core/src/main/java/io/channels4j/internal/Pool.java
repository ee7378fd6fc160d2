package io.channels4j.internal;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

/**
 * A small, bounded, lock-free pool of costly objects that are not thread-safe (a keyed {@code Mac},
 * a {@code MessageDigest}, a scratch buffer). It replaces per-thread caches, which never hit on
 * virtual threads (each lives for one task) and would make every call pay the set-up again.
 *
 * <p>A few slots per processor: only as many threads as processors run at once, so a taker nearly
 * always finds one; when all are empty it gets a new object, and a returned object that finds every
 * slot full is dropped. Nothing blocks, nothing grows.
 *
 * @param <T> the pooled type
 */
final class Pool<T> {
  private static final int SLOTS =
      Integer.highestOneBit(Math.max(4, 2 * Runtime.getRuntime().availableProcessors()) - 1) << 1;

  private final AtomicReferenceArray<T> slots = new AtomicReferenceArray<>(SLOTS);
  private final Supplier<T> factory;

  /**
   * Creates an empty pool.
   *
   * @param factory makes an object when none is pooled
   */
  Pool(Supplier<T> factory) {
    this.factory = factory;
  }

  /** Where a thread starts looking, so that running threads mostly use slots of their own. */
  @SuppressWarnings("deprecation") // threadId() is JDK 19+; getId() is the same number
  private static int start() {
    return (int) Thread.currentThread().getId() & (SLOTS - 1);
  }

  /**
   * Takes an object, pooled or new; give it back when done.
   *
   * @return an object only the caller uses until {@link #give}
   */
  T take() {
    int start = start();
    for (int i = 0; i < SLOTS; i++) {
      int at = (start + i) & (SLOTS - 1);
      T t = slots.get(at);
      if (t != null && slots.compareAndSet(at, t, null)) {
        return t;
      }
    }
    return factory.get();
  }

  /**
   * Returns an object for later calls; the caller must not use it afterwards.
   *
   * @param t the object, in a reusable state
   */
  void give(T t) {
    int start = start();
    for (int i = 0; i < SLOTS; i++) {
      int at = (start + i) & (SLOTS - 1);
      if (slots.get(at) == null && slots.compareAndSet(at, null, t)) {
        return;
      }
    }
  }
}
