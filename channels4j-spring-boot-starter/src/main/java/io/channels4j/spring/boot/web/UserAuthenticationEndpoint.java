package io.channels4j.spring.boot.web;

import io.channels4j.Pusher;
import io.channels4j.ValidationException;
import io.channels4j.auth.UserData;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * User authentication ({@code pusher.endpoints.user-auth}): a POST with the form body a Pusher
 * client sends on {@code signin()} ({@code socket_id}), answered with {@code auth} and {@code
 * user_data}, 403 when the policy denies (or there is none), 400 for malformed input.
 */
@RestController
public class UserAuthenticationEndpoint {
  private final Pusher pusher;
  private final ObjectProvider<PusherAccessPolicy> policy;

  /**
   * Creates the endpoint.
   *
   * @param pusher the client that signs
   * @param policy the application's policy, if any
   */
  public UserAuthenticationEndpoint(Pusher pusher, ObjectProvider<PusherAccessPolicy> policy) {
    this.pusher = pusher;
    this.policy = policy;
  }

  /**
   * Authenticates a user.
   *
   * @param request the request
   * @return the authentication, or a refusal
   */
  @PostMapping("${pusher.endpoints.user-auth.path:/pusher/user-auth}")
  public ResponseEntity<String> authenticate(HttpServletRequest request) {
    String socketId = FormFields.single(request, "socket_id");
    if (socketId == null) {
      return FormFields.missing("socket_id");
    }
    PusherAccessPolicy decider = policy.getIfUnique();
    if (decider == null) {
      return FormFields.refuse(HttpStatus.FORBIDDEN, "no PusherAccessPolicy bean: denied");
    }
    PusherAuthRequest auth =
        new PusherAuthRequest(socketId, Optional.ofNullable(request.getUserPrincipal()), request);
    try {
      Optional<UserData> user = decider.user(auth);
      if (user.isEmpty()) {
        return FormFields.refuse(HttpStatus.FORBIDDEN, "denied");
      }
      return FormFields.json(pusher.authenticateUser(socketId, user.get()).toJson());
    } catch (ValidationException e) {
      return FormFields.refuse(HttpStatus.BAD_REQUEST, e.getMessage());
    }
  }
}
