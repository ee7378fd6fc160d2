/**
 * An embeddable Pusher-compatible HTTP API for tests: start a {@link
 * io.channels4j.testkit.PusherTestServer}, call it through {@link
 * io.channels4j.testkit.PusherTestServer#client()}, then assert on what it recorded. The JUnit 5
 * extension lives in {@code io.channels4j.testkit.junit}.
 */
package io.channels4j.testkit;
