package io.channels4j.spring.boot.web;

import io.channels4j.ChannelType;
import io.channels4j.Pusher;
import io.channels4j.ValidationException;
import io.channels4j.auth.PresenceMember;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Channel authorization ({@code pusher.endpoints.channel-auth}): a POST with the form body
 * pusher-js and the other Pusher clients send ({@code socket_id}, {@code channel_name}), answered
 * with the JSON they expect ({@code auth}, plus {@code channel_data} on presence and {@code
 * shared_secret} on encrypted channels), 403 when the policy denies (or there is none), 400 for
 * malformed input and for a channel that needs no authorization (public, server-to-user), which the
 * policy is not asked about.
 */
@RestController
public class ChannelAuthorizationEndpoint {
  private final Pusher pusher;
  private final ObjectProvider<PusherAccessPolicy> policy;

  /**
   * Creates the endpoint.
   *
   * @param pusher the client that signs
   * @param policy the application's policy, if any
   */
  public ChannelAuthorizationEndpoint(Pusher pusher, ObjectProvider<PusherAccessPolicy> policy) {
    this.pusher = pusher;
    this.policy = policy;
  }

  /**
   * Authorizes a subscription.
   *
   * @param request the request
   * @return the authorization, or a refusal
   */
  @PostMapping("${pusher.endpoints.channel-auth.path:/pusher/auth}")
  public ResponseEntity<String> authorize(HttpServletRequest request) {
    String socketId = FormFields.single(request, "socket_id");
    if (socketId == null) {
      return FormFields.missing("socket_id");
    }
    String channel = FormFields.single(request, "channel_name");
    if (channel == null) {
      return FormFields.missing("channel_name");
    }
    ChannelType type = ChannelType.of(channel);
    if (!type.requiresAuthorization()) {
      // The unchecked name is not echoed back.
      return FormFields.refuse(
          HttpStatus.BAD_REQUEST,
          "channel_name must start with private-, private-encrypted- or presence-"
              + " (public and server-to-user channels need no authorization)");
    }
    PusherAccessPolicy decider = policy.getIfUnique();
    if (decider == null) {
      return FormFields.refuse(HttpStatus.FORBIDDEN, "no PusherAccessPolicy bean: denied");
    }
    PusherAuthRequest auth =
        new PusherAuthRequest(socketId, Optional.ofNullable(request.getUserPrincipal()), request);
    try {
      if (type == ChannelType.PRESENCE) {
        Optional<PresenceMember> member = decider.presenceMember(auth, channel);
        if (member.isEmpty()) {
          return FormFields.refuse(HttpStatus.FORBIDDEN, "denied");
        }
        return FormFields.json(pusher.authorizeChannel(socketId, channel, member.get()).toJson());
      }
      if (!decider.maySubscribe(auth, channel)) {
        return FormFields.refuse(HttpStatus.FORBIDDEN, "denied");
      }
      return FormFields.json(pusher.authorizeChannel(socketId, channel).toJson());
    } catch (ValidationException e) {
      return FormFields.refuse(HttpStatus.BAD_REQUEST, e.getMessage());
    }
  }
}
