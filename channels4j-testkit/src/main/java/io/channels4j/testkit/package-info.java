/**
 * An embeddable Pusher-compatible HTTP API for tests: start a {@link
 * io.channels4j.testkit.PusherTestServer}, call it through {@link
 * io.channels4j.testkit.PusherTestServer#client()}, then assert on what it recorded.
 */
package io.channels4j.testkit;
