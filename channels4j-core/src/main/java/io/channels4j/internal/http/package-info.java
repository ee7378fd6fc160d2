/**
 * Internal, not API: the built-in HTTP/1.1 client behind {@code HttpTransport.pooledSockets}. It
 * may change in any release; use {@link io.channels4j.spi.HttpTransport} instead.
 *
 * <p>Its parts, each readable and testable alone: {@link io.channels4j.internal.http.Connection}
 * (one socket and its read buffer), {@link io.channels4j.internal.http.ConnectionPool} (idle
 * connections and when they may be reused), {@link io.channels4j.internal.http.RequestWriter} (the
 * request bytes and the checks of the headers), {@link io.channels4j.internal.http.ResponseReader}
 * (strict parsing of the answer), {@link io.channels4j.internal.http.Connector} (name resolution,
 * connect, proxy tunnel, TLS), {@link io.channels4j.internal.http.DeadlineWatchdog} (one deadline
 * per attempt) and {@link io.channels4j.internal.http.SocketTransport}, which ties them together.
 */
package io.channels4j.internal.http;
