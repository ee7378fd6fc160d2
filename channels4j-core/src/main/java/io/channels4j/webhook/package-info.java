/**
 * Webhooks: {@link io.channels4j.Pusher#verifyWebhook(java.util.Map, byte[])} checks that a POST
 * really comes from Pusher (or soketi) and turns its body into a typed {@link
 * io.channels4j.webhook.Webhook}; anything else is an {@link
 * io.channels4j.webhook.InvalidWebhookException} that says why.
 */
@NullMarked
package io.channels4j.webhook;

import org.jspecify.annotations.NullMarked;
