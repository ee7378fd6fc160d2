package io.channels4j.bulk;

import io.channels4j.ValidationException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A rate limit for bulk runs, in events or requests per second, that every run using it shares:
 * when the server answers 429 (or 503, or refuses connections) one run pauses the throttle and
 * every run slows down. Thread-safe; give one instance to several publishers to share one budget.
 *
 * <p>Requests are spaced evenly (no bursts): at 1,000 events per second, a trigger to 100 channels
 * is followed by the next one 100 ms later.
 */
public final class Throttle {
  private static final long MAX_SLEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private final boolean perEvent;
  private final double nanosPerUnit;
  private final String description;
  private long next = Long.MIN_VALUE;
  private long pausedUntil = Long.MIN_VALUE;

  private Throttle(boolean perEvent, double perSecond, String description) {
    this.perEvent = perEvent;
    this.nanosPerUnit = perSecond == Double.POSITIVE_INFINITY ? 0 : 1e9 / perSecond;
    this.description = description;
  }

  /**
   * No rate limit; the throttle still pauses when the server asks to slow down.
   *
   * @return a new throttle
   */
  public static Throttle unlimited() {
    return new Throttle(false, Double.POSITIVE_INFINITY, "unlimited");
  }

  /**
   * At most {@code perSecond} items (event deliveries to one channel or user) per second.
   *
   * @param perSecond a positive rate
   * @return a new throttle
   */
  public static Throttle eventsPerSecond(double perSecond) {
    return new Throttle(true, check(perSecond), perSecond + " events/s");
  }

  /**
   * At most {@code perSecond} requests per second.
   *
   * @param perSecond a positive rate
   * @return a new throttle
   */
  public static Throttle requestsPerSecond(double perSecond) {
    return new Throttle(false, check(perSecond), perSecond + " requests/s");
  }

  private static double check(double perSecond) {
    if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
      throw new ValidationException("rate must be a positive number, but is " + perSecond);
    }
    return perSecond;
  }

  /**
   * Makes every run using this throttle wait at least {@code delay} before its next request.
   *
   * @param delay how long
   */
  public void pause(Duration delay) {
    long until = System.nanoTime() + delay.toNanos();
    synchronized (this) {
      if (pausedUntil == Long.MIN_VALUE || until - pausedUntil > 0) {
        pausedUntil = until;
      }
    }
  }

  /**
   * Waits for the turn of a request carrying {@code items} items.
   *
   * @return false when {@code stop} turned true while waiting (nothing reserved then)
   */
  boolean acquire(int items, BooleanSupplier stop) throws InterruptedException {
    while (true) {
      long wait = reserve(items);
      if (wait <= 0) {
        return true;
      }
      if (stop.getAsBoolean()) {
        return false;
      }
      TimeUnit.NANOSECONDS.sleep(Math.min(wait, MAX_SLEEP_NANOS));
    }
  }

  /**
   * Takes the turn of a request carrying {@code items} items if it has come, without waiting.
   *
   * @return whether the turn was taken
   */
  boolean tryAcquire(int items) {
    return reserve(items) <= 0;
  }

  /** Reserves the turn and returns 0 or less if it has come; otherwise how long to wait. */
  private synchronized long reserve(int items) {
    long now = System.nanoTime();
    long at = next == Long.MIN_VALUE || now - next > 0 ? now : next;
    if (pausedUntil != Long.MIN_VALUE && pausedUntil - at > 0) {
      at = pausedUntil;
    }
    long wait = at - now;
    if (wait <= 0) {
      next = now + Math.round((perEvent ? items : 1) * nanosPerUnit);
    }
    return wait;
  }

  /** Shows the rate. */
  @Override
  public String toString() {
    return "Throttle[" + description + "]";
  }
}
