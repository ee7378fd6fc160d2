package io.channels4j.bulk;

import java.util.Objects;

/**
 * An item a bulk run did not deliver for sure.
 *
 * @param item the item, ready to be published again
 * @param outcome {@link Outcome#NOT_DELIVERED} or {@link Outcome#MAYBE_DELIVERED}
 * @param refused true when the item itself was refused (invalid, or a 4xx other than 429), so
 *     sending it again unchanged would fail again
 * @param reason a one-line reason, e.g. the error message; never contains the app secret
 */
public record FailedItem(BulkItem item, Outcome outcome, boolean refused, String reason) {
  /** Checks the outcome. */
  public FailedItem {
    Objects.requireNonNull(item, "item");
    Objects.requireNonNull(reason, "reason");
    if (outcome == Outcome.DELIVERED) {
      throw new IllegalArgumentException("a failed item cannot be DELIVERED");
    }
  }
}
