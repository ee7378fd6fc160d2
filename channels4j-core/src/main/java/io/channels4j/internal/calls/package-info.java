/**
 * The requests behind each public call of {@link io.channels4j.Pusher}: checking the arguments,
 * encoding (and encrypting) the payloads, writing the body, and reading the answer. Each class
 * builds an {@link io.channels4j.internal.ApiCall} that the {@link io.channels4j.internal.Caller}
 * signs and sends. Not API: the module does not export this package.
 */
package io.channels4j.internal.calls;
