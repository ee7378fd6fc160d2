/**
 * Channel authorization and user authentication: the signed answers an application's auth endpoints
 * return to Pusher clients (pusher-js and the mobile SDKs).
 *
 * <p>{@link io.channels4j.Pusher#authorizeChannel(String, String)} and its siblings return a {@link
 * io.channels4j.auth.ChannelAuthorization} or {@link io.channels4j.auth.UserAuthentication}, whose
 * {@code toJson()} is the exact response body the client expects.
 */
@NullMarked
package io.channels4j.auth;

import org.jspecify.annotations.NullMarked;
