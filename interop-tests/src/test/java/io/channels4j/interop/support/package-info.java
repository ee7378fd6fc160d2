/**
 * Test support for the interop tests: real peers started on 127.0.0.1 and stopped by pid.
 *
 * <ul>
 *   <li>{@link io.channels4j.interop.support.Soketi}: a soketi server (Pusher protocol);
 *   <li>{@link io.channels4j.interop.support.PusherJsClients}: pusher-js clients run in Node;
 *   <li>{@link io.channels4j.interop.support.NodeOracle}: the Node server library {@code pusher} as
 *       an oracle;
 *   <li>{@link io.channels4j.interop.support.AppServer}: the application's auth and webhook
 *       endpoints, with pluggable handlers;
 *   <li>{@link io.channels4j.interop.support.NodeModules}: where node and the peers are installed;
 *   <li>{@link io.channels4j.interop.support.WebhookSignature}: a webhook signature computed as the
 *       Pusher documentation defines it, so tests sign without channels4j's internals.
 * </ul>
 *
 * <p>None of it depends on channels4j, so the infrastructure can be proved on its own ({@code
 * PeersSmokeIT}).
 */
package io.channels4j.interop.support;
