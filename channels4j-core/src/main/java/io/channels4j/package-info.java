/** The channels4j client: {@link io.channels4j.Pusher} and the values its calls take and return. */
package io.channels4j;
