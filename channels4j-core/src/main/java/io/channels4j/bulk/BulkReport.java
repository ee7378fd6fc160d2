package io.channels4j.bulk;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The end of a bulk run. Every item taken from the input is counted in exactly one of {@code
 * delivered}, {@code notDelivered} and {@code maybeDelivered}; each failed one is in {@code failed}
 * too (unless the publisher streamed failures to a consumer instead).
 *
 * <p>Items the run never took from the input (after a cancellation or an input error) are not
 * counted: the caller's input still holds them.
 *
 * @param read items taken from the input
 * @param delivered items delivered
 * @param notDelivered items surely not delivered
 * @param maybeDelivered items that may have been delivered
 * @param requests requests sent, retries included
 * @param retries requests sent again after a failure that proved they were not delivered
 * @param cancelled whether the run was cancelled before it read the whole input
 * @param inputFailure what the input threw, if reading it failed (the run stopped there)
 * @param elapsed how long the run took
 * @param failed the items not surely delivered, empty when they were streamed elsewhere
 */
public record BulkReport(
    long read,
    long delivered,
    long notDelivered,
    long maybeDelivered,
    long requests,
    long retries,
    boolean cancelled,
    Optional<RuntimeException> inputFailure,
    Duration elapsed,
    List<FailedItem> failed) {

  /** Copies the list. */
  public BulkReport {
    Objects.requireNonNull(inputFailure, "inputFailure");
    Objects.requireNonNull(elapsed, "elapsed");
    failed = List.copyOf(failed);
  }

  /**
   * Returns whether every item of the whole input was delivered.
   *
   * @return true when nothing failed, nothing was left unread, and the input did not fail
   */
  public boolean allDelivered() {
    return delivered == read && !cancelled && inputFailure.isEmpty();
  }

  /**
   * Returns the items to publish again: those surely not delivered (never a duplicate), and, when
   * asked, those that may have been (at the risk of a duplicate). Items the server refused as
   * invalid are left out: they would be refused again.
   *
   * @param includeMaybeDelivered whether to include the items that may have been delivered
   * @return the items, in the order they failed
   */
  public List<BulkItem> toResend(boolean includeMaybeDelivered) {
    List<BulkItem> items = new ArrayList<>();
    for (FailedItem f : failed) {
      if (!f.refused() && (f.outcome() == Outcome.NOT_DELIVERED || includeMaybeDelivered)) {
        items.add(f.item());
      }
    }
    return items;
  }

  /**
   * Merges the reports of several runs, e.g. of workers that each published a slice of one input.
   *
   * @param reports the reports
   * @return their sums; {@code elapsed} is the longest; cancelled if any was
   */
  public static BulkReport merge(Collection<BulkReport> reports) {
    long read = 0;
    long delivered = 0;
    long notDelivered = 0;
    long maybe = 0;
    long requests = 0;
    long retries = 0;
    boolean cancelled = false;
    Optional<RuntimeException> input = Optional.empty();
    Duration elapsed = Duration.ZERO;
    List<FailedItem> failed = new ArrayList<>();
    for (BulkReport r : reports) {
      read += r.read;
      delivered += r.delivered;
      notDelivered += r.notDelivered;
      maybe += r.maybeDelivered;
      requests += r.requests;
      retries += r.retries;
      cancelled |= r.cancelled;
      input = input.isPresent() ? input : r.inputFailure;
      elapsed = r.elapsed.compareTo(elapsed) > 0 ? r.elapsed : elapsed;
      failed.addAll(r.failed);
    }
    return new BulkReport(
        read, delivered, notDelivered, maybe, requests, retries, cancelled, input, elapsed, failed);
  }

  /** Counts only; the failed items are in {@link #failed()}. */
  @Override
  public String toString() {
    return "BulkReport[read="
        + read
        + ", delivered="
        + delivered
        + ", notDelivered="
        + notDelivered
        + ", maybeDelivered="
        + maybeDelivered
        + ", requests="
        + requests
        + ", retries="
        + retries
        + ", cancelled="
        + cancelled
        + inputFailure.map(e -> ", inputFailure=" + e).orElse("")
        + ", elapsed="
        + elapsed
        + "]";
  }
}
