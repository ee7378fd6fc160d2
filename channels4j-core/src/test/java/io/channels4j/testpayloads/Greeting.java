package io.channels4j.testpayloads;

/**
 * A payload whose field names show the mapper's naming strategy.
 *
 * @param firstName a camel-case field
 * @param messageCount another one
 */
public record Greeting(String firstName, int messageCount) {}
