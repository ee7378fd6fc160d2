/**
 * The implementation behind the public packages: signing, sending, retries, authorization and
 * webhook verification. Not API: the module does not export it, and any type or member here may
 * change or go in any release. Use {@link io.channels4j.Pusher} and the exported packages.
 */
package io.channels4j.internal;
