/**
 * NaCl secretbox encryption for {@code private-encrypted-} channels.
 *
 * <p>Create one {@link io.channels4j.crypto.SecretBoxEncryption} from the app's 32-byte master key
 * and hand it to the channels4j client; it derives each channel's key, seals event data with a
 * fresh nonce and opens envelopes produced by any Pusher library.
 */
package io.channels4j.crypto;
