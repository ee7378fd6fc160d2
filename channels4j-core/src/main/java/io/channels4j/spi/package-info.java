/**
 * Small interfaces where users plug in their own parts: the HTTP transport, the payload encoder and
 * channel encryption.
 */
@NullMarked
package io.channels4j.spi;

import org.jspecify.annotations.NullMarked;
