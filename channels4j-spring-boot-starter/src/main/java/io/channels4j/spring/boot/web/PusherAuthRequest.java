package io.channels4j.spring.boot.web;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.Objects;
import java.util.Optional;

/**
 * An authorization request from a Pusher client, as the {@link PusherAccessPolicy} sees it.
 *
 * @param socketId the connection's socket id, as the client posted it
 * @param principal who the application's security says the caller is ({@link
 *     HttpServletRequest#getUserPrincipal()}, e.g. set by Spring Security), if anyone
 * @param servletRequest the whole request, for sessions, headers or attributes
 */
public record PusherAuthRequest(
    String socketId, Optional<Principal> principal, HttpServletRequest servletRequest) {

  /** Checks the parts. */
  public PusherAuthRequest {
    Objects.requireNonNull(socketId, "socketId");
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(servletRequest, "servletRequest");
  }
}
