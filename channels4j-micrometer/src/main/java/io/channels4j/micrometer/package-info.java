/**
 * Micrometer instrumentation for channels4j: {@link
 * io.channels4j.micrometer.ObservingRequestListener} observes every HTTP API request (a timer, and
 * a span when a tracing bridge is present) and counts retries; {@link
 * io.channels4j.micrometer.PusherGauges} reports the requests in flight and queued.
 *
 * <pre>{@code
 * Pusher pusher = Pusher.builder()
 *     // ... credentials
 *     .requestListener(new ObservingRequestListener(observationRegistry, meterRegistry))
 *     .build();
 * new PusherGauges(pusher).bindTo(meterRegistry);
 * }</pre>
 *
 * <p>Every tag is low-cardinality (call kind, HTTP method, outcome, status class): channel names
 * and user ids never become tags.
 */
package io.channels4j.micrometer;
