package io.channels4j.testpayloads;

/**
 * A record payload, encoded by Jackson.
 *
 * @param x x
 * @param y y
 */
public record Point(int x, int y) {}
