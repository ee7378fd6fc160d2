package io.channels4j.bulk;

import io.channels4j.ApiException;
import io.channels4j.AsyncPusher;
import io.channels4j.Event;
import io.channels4j.PusherException;
import io.channels4j.TransportException;
import io.channels4j.TriggerOptions;
import io.channels4j.ValidationException;
import io.channels4j.internal.calls.ClientParts;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One bulk run: its progress, its report, and its cancellation. Thread-safe.
 *
 * <p>One producer thread reads the input, packs requests and sends them; completions arrive on the
 * client's threads, give back their slot, and queue the requests to send again.
 */
public final class BulkRun {
  private final BulkPublisher publisher;
  private final AsyncPusher async;
  private final ClientParts parts;
  private final java.util.Iterator<? extends BulkItem> input;
  private final CompletableFuture<BulkReport> report = new CompletableFuture<>();
  private final long startNanos = System.nanoTime();

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private int free;
  private final ArrayDeque<Pending> retries = new ArrayDeque<>();

  /**
   * Requests packed and not sent yet, at most {@link #readyHigh}; refilled at {@link #readyLow}.
   */
  private final ArrayDeque<Packer.Packed> ready = new ArrayDeque<>();

  private final int readyHigh;
  private final int readyLow;
  private boolean exhausted;
  private volatile boolean cancelled;
  private volatile Packer packer;

  private final LongAdder delivered = new LongAdder();
  private final LongAdder notDelivered = new LongAdder();
  private final LongAdder maybeDelivered = new LongAdder();
  private final LongAdder requests = new LongAdder();
  private final LongAdder retried = new LongAdder();
  private final ConcurrentLinkedQueue<FailedItem> failed = new ConcurrentLinkedQueue<>();
  private final Object failureLock = new Object();
  private final ReentrantLock progressLock = new ReentrantLock();
  private final AtomicLong nextProgress = new AtomicLong(Long.MIN_VALUE);

  /**
   * A request and the attempt it is at. {@code armed} is set once its completion callback is
   * registered: a callback that runs before (inline, on the sending thread) does not chain the next
   * request, which bounds the recursion to one level.
   */
  private static final class Pending {
    final Packer.Packed request;
    final int attempt;
    volatile boolean armed;

    Pending(Packer.Packed request, int attempt) {
      this.request = request;
      this.attempt = attempt;
    }
  }

  BulkRun(BulkPublisher publisher, java.util.Iterator<? extends BulkItem> input) {
    this.publisher = publisher;
    this.async = publisher.client.async();
    this.parts = ClientParts.of(publisher.client);
    this.input = java.util.Objects.requireNonNull(input, "items");
    this.free = publisher.concurrency;
    this.readyHigh = publisher.concurrency;
    this.readyLow = publisher.concurrency / 2;
  }

  /**
   * Stops reading the input and sending: requests in flight finish and are reported; items read but
   * not sent yet are reported {@link Outcome#NOT_DELIVERED}; the rest stays in the input. The
   * report completes when the requests in flight have answered.
   */
  public void cancel() {
    cancelled = true;
    lock.lock();
    try {
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Returns the report, complete when every item read has an outcome.
   *
   * @return the future report
   */
  public CompletableFuture<BulkReport> report() {
    return report;
  }

  /**
   * Returns a snapshot of the run.
   *
   * @return the progress so far
   */
  public BulkProgress progress() {
    Packer p = packer;
    int inFlight;
    lock.lock();
    try {
      inFlight = publisher.concurrency - free - retries.size();
    } finally {
      lock.unlock();
    }
    return new BulkProgress(
        p == null ? 0 : p.read(),
        delivered.sum(),
        notDelivered.sum(),
        maybeDelivered.sum(),
        requests.sum(),
        Math.max(0, inFlight),
        Duration.ofNanos(System.nanoTime() - startNanos));
  }

  /** What the producer does next. */
  private enum Step {
    PACK,
    SEND,
    DONE
  }

  /**
   * The producer loop; returns when every request read has an outcome. It packs requests ahead (up
   * to {@code concurrency} of them) and starts them while slots are free; in steady state the
   * completions start the next requests themselves (see {@link #completed}), and this thread only
   * wakes to refill the queue once it is half empty, to wait for the throttle, or to resend.
   */
  void run() {
    packer = new Packer(input, publisher.limits, this::rejected);
    boolean interrupted = false;
    try {
      while (true) {
        Step step;
        Pending next = null;
        lock.lock();
        try {
          while (true) {
            if (!retries.isEmpty()) {
              next = retries.poll();
              step = Step.SEND;
              break;
            }
            if (!cancelled && free > 0 && !ready.isEmpty()) {
              free--;
              next = new Pending(ready.poll(), 1);
              step = Step.SEND;
              break;
            }
            if (!cancelled && !exhausted && ready.size() < readyHigh) {
              step = Step.PACK;
              break;
            }
            if ((cancelled || (exhausted && ready.isEmpty())) && free == publisher.concurrency) {
              step = Step.DONE; // all answered
              break;
            }
            try {
              changed.await();
            } catch (InterruptedException e) {
              interrupted = true; // cancel, then wait for the answers in flight
              cancelled = true;
            }
          }
        } finally {
          lock.unlock();
        }
        if (step == Step.DONE) {
          break;
        }
        if (step == Step.PACK) {
          Packer.Packed request = packer.next(); // outside the lock: the input may be slow
          lock.lock();
          try {
            if (request == null) {
              exhausted = true;
            } else {
              ready.add(request);
            }
          } finally {
            lock.unlock();
          }
          continue;
        }
        boolean turn = false;
        try {
          turn = !cancelled && publisher.throttle.acquire(next.request.size(), () -> cancelled);
        } catch (InterruptedException e) {
          interrupted = true;
          cancelled = true;
        }
        if (!turn) {
          record(next.request, Outcome.NOT_DELIVERED, false, "cancelled before it was sent");
          release();
          continue;
        }
        send(next);
      }
    } finally {
      // Read but never packed or sent: surely not delivered.
      List<Packer.Packed> unsent;
      lock.lock();
      try {
        unsent = new ArrayList<>(ready);
        ready.clear();
      } finally {
        lock.unlock();
      }
      for (Packer.Packed r : unsent) {
        record(r, Outcome.NOT_DELIVERED, false, "cancelled before it was sent");
      }
      for (BulkItem item : packer.drainLookahead()) {
        fail(new FailedItem(item, Outcome.NOT_DELIVERED, false, "cancelled before it was sent"));
      }
      finish(packer.failure());
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Starts a request that holds a slot and has its throttle turn. */
  private void send(Pending pending) {
    Packer.Packed request = pending.request;
    CompletableFuture<?> future;
    try {
      future = start(request);
    } catch (ValidationException e) {
      if (request.kind() == Packer.Kind.BATCH) {
        // One event of the batch is invalid for the client (e.g. its data too large): send each
        // event alone so that the others still go, first, in their order.
        lock.lock();
        try {
          List<BulkItem> items = request.items();
          for (int i = items.size() - 1; i >= 0; i--) {
            ready.addFirst(new Packer.Packed(Packer.Kind.TRIGGER, List.of(items.get(i))));
          }
        } finally {
          lock.unlock();
        }
      } else {
        record(request, Outcome.NOT_DELIVERED, true, e.getMessage());
      }
      release();
      return;
    } catch (RuntimeException e) {
      record(request, Outcome.NOT_DELIVERED, false, "not sent: " + e);
      release();
      return;
    }
    requests.increment();
    future.whenComplete((r, failure) -> completed(pending, failure));
    pending.armed = true;
  }

  private CompletableFuture<?> start(Packer.Packed request) {
    List<BulkItem> items = request.items();
    BulkItem first = items.get(0);
    switch (request.kind()) {
      case TRIGGER -> {
        BulkItem.ToChannel head = (BulkItem.ToChannel) first;
        TriggerOptions options =
            head.excludeSocketId().map(TriggerOptions::excluding).orElse(TriggerOptions.none());
        if (items.size() == 1) {
          return async.trigger(List.of(head.channel()), head.name(), head.data(), options);
        }
        // The packer checked every name as it read it, and packed distinct channels only.
        return parts
            .caller()
            .executeAsync(
                parts
                    .events()
                    .triggerChecked(request.targets(), head.name(), head.data(), options));
      }
      case BATCH -> {
        List<Event> events = new ArrayList<>(items.size());
        for (BulkItem item : items) {
          BulkItem.ToChannel c = (BulkItem.ToChannel) item;
          events.add(new Event(c.channel(), c.name(), c.data(), c.excludeSocketId(), Set.of()));
        }
        return async.triggerBatch(events);
      }
      default -> {
        if (items.size() == 1) {
          BulkItem.ToUser u = (BulkItem.ToUser) first;
          return async.sendToUser(u.userId(), u.name(), u.data());
        }
        return async.sendToUsers(request.targets(), first.name(), first.data());
      }
    }
  }

  /**
   * On a client thread: the answer of one attempt. When the request is done with, the same thread
   * takes the next packed request, keeping the slot: started from a completion, the call then runs
   * next on this thread (the client's continuation), with no hand-off to the producer or to another
   * executor thread.
   */
  private void completed(Pending pending, Throwable failure) {
    Packer.Packed request = pending.request;
    if (failure == null) {
      record(request, Outcome.DELIVERED, false, null);
      next(pending.armed);
      return;
    }
    Throwable cause = Outcome.unwrap(failure);
    Outcome outcome = Outcome.ofFailure(cause);
    Duration wait = outcome == Outcome.NOT_DELIVERED ? retryWait(cause, pending.attempt) : null;
    if (wait != null && !cancelled) {
      publisher.throttle.pause(wait);
      retried.increment();
      lock.lock();
      try {
        retries.add(new Pending(request, pending.attempt + 1)); // keeps its slot
        changed.signalAll();
      } finally {
        lock.unlock();
      }
      return;
    }
    boolean refused =
        cause instanceof ValidationException
            || (cause instanceof ApiException api
                && api.status() >= 400
                && api.status() < 500
                && api.status() != 429);
    record(request, outcome, refused, describe(cause, pending.attempt));
    next(pending.armed);
  }

  /**
   * After a request is done with: sends the next packed request in its slot when it can go now, or
   * gives the slot back to the producer (throttle to wait for, resends first, nothing packed,
   * cancelled, or a completion that ran inline on the sending thread).
   */
  private void next(boolean chain) {
    Pending next = null;
    lock.lock();
    try {
      if (chain
          && !cancelled
          && retries.isEmpty()
          && !ready.isEmpty()
          && publisher.throttle.tryAcquire(ready.peek().size())) {
        next = new Pending(ready.poll(), 1);
        if (ready.size() <= readyLow) {
          changed.signal(); // refill
        }
      } else {
        free++;
        changed.signal();
      }
    } finally {
      lock.unlock();
    }
    if (next != null) {
      send(next);
    }
  }

  /** The pause before trying a surely-undelivered request again, or null to give up. */
  private Duration retryWait(Throwable cause, int attempt) {
    if (attempt >= publisher.maxAttempts) {
      return null;
    }
    boolean retryable =
        (cause instanceof ApiException api && (api.status() == 429 || api.status() == 503))
            || (cause instanceof TransportException te && !te.requestSent())
            || (cause instanceof PusherException pe
                && !(cause instanceof ApiException)
                && !(cause instanceof TransportException)
                && pe.attempts() == 0
                && !pe.getMessage().contains("client is closed"));
    if (!retryable) {
      return null;
    }
    if (cause instanceof ApiException api && api.retryAfter().isPresent()) {
      Duration asked = api.retryAfter().get();
      return asked.compareTo(publisher.maxBackoff) <= 0 ? asked : null;
    }
    long base =
        Math.min(
            publisher.maxBackoff.toMillis(),
            publisher.initialBackoff.toMillis() << Math.min(20, attempt - 1));
    return Duration.ofMillis(base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1));
  }

  private static String describe(Throwable cause, int attempt) {
    String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
    return attempt > 1 ? message + " (after " + attempt + " attempts)" : message;
  }

  private void release() {
    lock.lock();
    try {
      free++;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void rejected(BulkItem item, String reason) {
    fail(new FailedItem(item, Outcome.NOT_DELIVERED, true, reason));
  }

  private void record(Packer.Packed request, Outcome outcome, boolean refused, String reason) {
    if (outcome == Outcome.DELIVERED) {
      delivered.add(request.size());
    } else {
      for (BulkItem item : request.items()) {
        fail(new FailedItem(item, outcome, refused, reason));
      }
    }
    progress(false);
  }

  private void fail(FailedItem item) {
    (item.outcome() == Outcome.NOT_DELIVERED ? notDelivered : maybeDelivered).increment();
    if (publisher.onFailedItem == null) {
      failed.add(item);
    } else {
      synchronized (failureLock) {
        try {
          publisher.onFailedItem.accept(item);
        } catch (RuntimeException e) {
          failed.add(item); // a broken consumer must not stop the run, nor lose the item
        }
      }
    }
  }

  private void progress(boolean last) {
    if (publisher.onProgress == null) {
      return;
    }
    long now = System.nanoTime();
    long due = nextProgress.get();
    if (!last && due != Long.MIN_VALUE && now - due < 0) {
      return;
    }
    if (last) {
      progressLock.lock();
    } else if (!progressLock.tryLock()) {
      return;
    }
    try {
      nextProgress.set(now + publisher.progressInterval.toNanos());
      publisher.onProgress.accept(progress());
    } catch (RuntimeException ignored) {
      // a listener must not stop the run
    } finally {
      progressLock.unlock();
    }
  }

  private void finish(RuntimeException inputFailure) {
    progress(true);
    Packer p = packer;
    report.complete(
        new BulkReport(
            p.read(),
            delivered.sum(),
            notDelivered.sum(),
            maybeDelivered.sum(),
            requests.sum(),
            retried.sum(),
            cancelled,
            Optional.ofNullable(inputFailure),
            Duration.ofNanos(System.nanoTime() - startNanos),
            new ArrayList<>(failed)));
  }
}
