package io.channels4j;

/**
 * The answer of the legacy push notifications endpoint.
 *
 * @param numberOfSubscribers how many devices are subscribed to the interests
 */
public record NotifyResult(int numberOfSubscribers) {}
