/**
 * The channels4j client: {@link io.channels4j.Pusher} and the values its calls take and return.
 *
 * <p>Nullness is declared with JSpecify: in this package and in {@code auth}, {@code webhook} and
 * {@code spi}, nothing is null unless marked {@code @Nullable}; absent values are {@link
 * java.util.Optional}s.
 */
@NullMarked
package io.channels4j;

import org.jspecify.annotations.NullMarked;
