package io.channels4j.internal;

import io.channels4j.PusherException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs calls on an executor. The task runs the blocking path, so the future fails with exactly the
 * exception the blocking call would have thrown. Completing the future from outside while the call
 * runs (cancel, {@code orTimeout}, {@code complete}) interrupts the attempt in progress, which
 * closes its connection and stops further retries.
 */
final class AsyncCalls {
  private AsyncCalls() {}

  /**
   * Queues a call; the future fails at once with a {@link PusherException} when the executor
   * refuses it (queue full, or shut down).
   */
  static <T> CompletableFuture<T> submit(Caller caller, Executor executor, ApiCall<T> call) {
    Task<T> task = new Task<>(caller, call);
    caller.enterQueue();
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      task.leaveQueue();
      String what = ApiErrors.what(call);
      task.future.completeExceptionally(
          executor instanceof ExecutorService service && service.isShutdown()
              ? new PusherException("async " + what + " refused: the client is closed", e, 0)
              : new PusherException(
                  "async "
                      + what
                      + " refused: every request slot is busy and the queue of waiting requests is"
                      + " full ("
                      + e.getMessage()
                      + "); slow down, or raise maxRequestsInFlight or maxQueuedRequests",
                  e,
                  0));
    }
    return task.future;
  }

  /**
   * Fails the futures of async calls that the executor dropped without running them (what {@link
   * ExecutorService#shutdownNow()} returns), so that no caller waits forever.
   */
  static void abandon(List<Runnable> neverRun) {
    for (Runnable r : neverRun) {
      if (r instanceof Task<?> task) {
        task.leaveQueue();
        task.future.completeExceptionally(
            new PusherException(
                "async " + ApiErrors.what(task.call) + " was not sent: the client was closed first",
                null,
                0));
      }
    }
  }

  /** A queued async call that can be interrupted while it runs, and only while it runs. */
  private static final class Task<T> implements Runnable {
    private final Caller caller;
    private final ApiCall<T> call;
    final CompletableFuture<T> future = new CompletableFuture<>();
    private final AtomicBoolean left = new AtomicBoolean();
    private Thread runner;

    Task(Caller caller, ApiCall<T> call) {
      this.caller = caller;
      this.call = call;
      // The task completes the future only after it stopped running (runner is null then), so a
      // completion seen while it runs came from outside: stop the request.
      future.whenComplete(
          (r, e) -> {
            synchronized (this) {
              if (runner != null) {
                runner.interrupt();
              }
            }
          });
    }

    /** Counts this task out of the caller's queue, once, whichever way it leaves. */
    void leaveQueue() {
      if (left.compareAndSet(false, true)) {
        caller.leaveQueue();
      }
    }

    @Override
    public void run() {
      leaveQueue();
      synchronized (this) {
        if (future.isDone()) {
          return; // cancelled while queued
        }
        runner = Thread.currentThread();
      }
      T result = null;
      Throwable failure = null;
      try {
        result = caller.execute(call);
      } catch (Throwable t) {
        failure = t;
      } finally {
        synchronized (this) {
          runner = null;
        }
        // An interrupt from a completion that raced with the end must not leak into the next task
        // of the pool, nor into the caller's dependent stages run below.
        Thread.interrupted();
      }
      if (failure == null) {
        future.complete(result);
      } else {
        future.completeExceptionally(failure);
      }
    }
  }
}
