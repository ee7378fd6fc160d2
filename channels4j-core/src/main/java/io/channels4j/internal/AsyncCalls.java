package io.channels4j.internal;

import io.channels4j.PusherException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs calls on an executor. The task runs the blocking path, so the future fails with exactly the
 * exception the blocking call would have thrown. Completing the future from outside while the call
 * runs (cancel, {@code orTimeout}, {@code complete}) interrupts the attempt in progress, which
 * closes its connection and stops further retries.
 *
 * <p>A call started from a completion of the same client's async call (a dependent stage running on
 * the executor thread that just finished a request) is not handed to another thread: it runs next
 * on that thread once the callbacks return, which saves a queue hand-off and a thread wake-up per
 * chained request. Only one per completion (further ones go to the executor, for parallelism).
 * Joining such a future inside the callback hands it to the executor first, so the callback does
 * not wait for itself.
 */
final class AsyncCalls {
  private AsyncCalls() {}

  /**
   * Per thread: the client whose async call is completing on this thread (null otherwise), and the
   * one call its callbacks started, to run next on this thread.
   */
  private static final class Continuation {
    Caller owner;
    Task<?> next;
  }

  private static final ThreadLocal<Continuation> CONTINUATION =
      ThreadLocal.withInitial(Continuation::new);

  /**
   * Queues a call, or keeps it for the completing thread (see the class note); the future fails at
   * once with a {@link PusherException} when the executor refuses it (queue full, or shut down).
   */
  static <T> CompletableFuture<T> submit(Caller caller, Executor executor, ApiCall<T> call) {
    Task<T> task = new Task<>(caller, executor, call);
    caller.enterQueue();
    Continuation here = CONTINUATION.get();
    if (here.owner == caller && here.next == null) {
      here.next = task; // run by the completing thread once its callbacks return
      return task;
    }
    task.submit();
    return task;
  }

  /**
   * Fails the futures of async calls that the executor dropped without running them (what {@link
   * ExecutorService#shutdownNow()} returns), so that no caller waits forever.
   */
  static void abandon(List<Runnable> neverRun) {
    for (Runnable r : neverRun) {
      if (r instanceof Task<?> task) {
        task.abandon();
      }
    }
  }

  private static boolean isClosed(Executor executor) {
    return executor instanceof ExecutorService service && service.isShutdown();
  }

  /**
   * A queued async call and its future in one object (one allocation, no completion callback to
   * register): completing it from outside while it runs interrupts the request, and only then.
   */
  private static final class Task<T> extends CompletableFuture<T> implements Runnable {
    private final Caller caller;
    private final Executor executor;
    private final ApiCall<T> call;
    private Thread runner; // guarded by this
    private final AtomicBoolean left = new AtomicBoolean();

    Task(Caller caller, Executor executor, ApiCall<T> call) {
      this.caller = caller;
      this.executor = executor;
      this.call = call;
    }

    void submit() {
      try {
        executor.execute(this);
      } catch (RejectedExecutionException e) {
        leaveQueue();
        String what = ApiErrors.what(call);
        fail(
            isClosed(executor)
                ? new PusherException("async " + what + " refused: the client is closed", e, 0)
                : new PusherException(
                    "async "
                        + what
                        + " refused: every request slot is busy and the queue of waiting requests"
                        + " is full ("
                        + e.getMessage()
                        + "); slow down, or raise maxRequestsInFlight or maxQueuedRequests",
                    e,
                    0));
      }
    }

    // The task completes itself through super.complete*, only after it stopped running (runner is
    // null then), so a completion through these public methods while it runs came from outside.
    @Override
    public boolean complete(T value) {
      return interruptIf(super.complete(value));
    }

    @Override
    public boolean completeExceptionally(Throwable failure) {
      return interruptIf(super.completeExceptionally(failure));
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      return interruptIf(super.cancel(mayInterruptIfRunning));
    }

    private boolean interruptIf(boolean completed) {
      if (completed) {
        synchronized (this) {
          if (runner != null) {
            runner.interrupt();
          }
        }
      }
      return completed;
    }

    // Waiting for a call that waits for this thread: give it to the executor first.
    @Override
    public T join() {
      release();
      return super.join();
    }

    @Override
    public T get() throws InterruptedException, ExecutionException {
      release();
      return super.get();
    }

    @Override
    public T get(long timeout, TimeUnit unit)
        throws InterruptedException, ExecutionException, TimeoutException {
      release();
      return super.get(timeout, unit);
    }

    private void release() {
      Continuation here = CONTINUATION.get();
      if (here.next == this) {
        here.next = null;
        submit();
      }
    }

    void fail(PusherException failure) {
      super.completeExceptionally(failure);
    }

    void abandon() {
      leaveQueue();
      fail(
          new PusherException(
              "async " + ApiErrors.what(call) + " was not sent: the client was closed first",
              null,
              0));
    }

    @Override
    public void run() {
      Continuation here = CONTINUATION.get();
      Task<?> task = this;
      while (task != null) {
        task.runOnce(here);
        task = here.next;
        here.next = null;
        if (task != null && isClosed(task.executor)) {
          task.abandon();
          task = null;
        }
      }
    }

    /** Counts this task out of the caller's queue, once, whichever way it leaves. */
    void leaveQueue() {
      if (left.compareAndSet(false, true)) {
        caller.leaveQueue();
      }
    }

    private void runOnce(Continuation here) {
      leaveQueue();
      synchronized (this) {
        if (isDone()) {
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
      Caller previous = here.owner;
      here.owner = caller; // a call the dependent stages start runs next on this thread
      try {
        if (failure == null) {
          super.complete(result);
        } else {
          super.completeExceptionally(failure);
        }
      } finally {
        here.owner = previous;
      }
    }
  }
}
