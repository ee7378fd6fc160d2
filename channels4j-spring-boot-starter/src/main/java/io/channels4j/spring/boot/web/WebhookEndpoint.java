package io.channels4j.spring.boot.web;

import io.channels4j.Pusher;
import io.channels4j.webhook.InvalidWebhookException;
import io.channels4j.webhook.Webhook;
import io.channels4j.webhook.WebhookEvent;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The webhook receiver ({@code pusher.endpoints.webhook}): verifies the signature of the exact body
 * and publishes each event ({@link io.channels4j.webhook.ChannelOccupied}, {@link
 * io.channels4j.webhook.MemberAdded}, ...) as an application event, in order, on the request
 * thread, before answering 200: listen with {@code @EventListener void on(ChannelOccupied e)}. A
 * webhook that is not genuine is refused with 401 (400 when signed but malformed) and nothing is
 * published. A listener that throws makes the answer 500, so that the server delivers the webhook
 * again.
 */
@RestController
public class WebhookEndpoint {
  /** The largest body read: far above what Pusher or soketi send in one webhook. */
  public static final int MAX_BODY_BYTES = 1024 * 1024;

  private final Pusher pusher;
  private final ApplicationEventPublisher publisher;

  /**
   * Creates the endpoint.
   *
   * @param pusher the client that verifies
   * @param publisher where events go
   */
  public WebhookEndpoint(Pusher pusher, ApplicationEventPublisher publisher) {
    this.pusher = pusher;
    this.publisher = publisher;
  }

  /**
   * Receives a webhook.
   *
   * @param request the request
   * @return 200 once every event is published, or the refusal
   * @throws IOException when the body cannot be read
   */
  @PostMapping("${pusher.endpoints.webhook.path:/pusher/webhook}")
  public ResponseEntity<String> receive(HttpServletRequest request) throws IOException {
    // Bounded: the body is read before it is verified, so an unsigned caller could send anything.
    byte[] body = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
    if (body.length > MAX_BODY_BYTES) {
      return FormFields.refuse(
          HttpStatus.PAYLOAD_TOO_LARGE,
          "a webhook body may hold at most " + MAX_BODY_BYTES + " bytes");
    }
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (String name : Collections.list(request.getHeaderNames())) {
      headers.put(name, Collections.list(request.getHeaders(name)));
    }
    Webhook webhook;
    try {
      webhook = pusher.verifyWebhook(headers, body);
    } catch (InvalidWebhookException e) {
      HttpStatus status =
          e.reason() == InvalidWebhookException.Reason.MALFORMED_BODY
              ? HttpStatus.BAD_REQUEST
              : HttpStatus.UNAUTHORIZED;
      return FormFields.refuse(status, e.getMessage());
    }
    for (WebhookEvent event : webhook.events()) {
      publisher.publishEvent(event);
    }
    return ResponseEntity.ok().build();
  }
}
