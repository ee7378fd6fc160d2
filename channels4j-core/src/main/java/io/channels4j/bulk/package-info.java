/**
 * Bulk fan-out: publish a large, lazily produced set of events with as few requests as the API's
 * limits allow, bounded concurrency, a shared rate limit, and an exact report of what was
 * delivered, what surely was not, and what may have been. Start with {@link
 * io.channels4j.bulk.BulkPublisher#builder(io.channels4j.Pusher)}.
 */
package io.channels4j.bulk;
