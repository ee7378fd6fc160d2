/**
 * Small interfaces where users plug in their own parts: the HTTP transport, the payload encoder and
 * channel encryption.
 */
package io.channels4j.spi;
