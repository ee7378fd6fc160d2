/**
 * The opt-in actuator health indicator ({@code pusher.health.enabled=true}), on Spring Boot 3.5
 * ({@code org.springframework.boot.actuate.health}) and 4.0 ({@code
 * org.springframework.boot.health.contributor}): each check asks the server for one channel's
 * state, one API call.
 */
package io.channels4j.spring.boot.actuate;
