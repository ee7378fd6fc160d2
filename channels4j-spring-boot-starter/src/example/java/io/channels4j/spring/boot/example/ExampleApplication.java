package io.channels4j.spring.boot.example;

import io.channels4j.Pusher;
import io.channels4j.auth.PresenceMember;
import io.channels4j.auth.UserData;
import io.channels4j.spring.boot.web.PusherAccessPolicy;
import io.channels4j.spring.boot.web.PusherAuthRequest;
import io.channels4j.webhook.ChannelOccupied;
import io.channels4j.webhook.ChannelVacated;
import io.channels4j.webhook.MemberAdded;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A complete application on the starter: it triggers events, authorizes its users' channels and
 * reacts to webhooks. Who the caller is comes from the {@code X-User} header here, to keep the
 * example short; a real application takes it from Spring Security ({@code request.principal()}).
 */
@SpringBootApplication
public class ExampleApplication {
  private static final Logger log = LoggerFactory.getLogger(ExampleApplication.class);

  public static void main(String[] args) {
    SpringApplication.run(ExampleApplication.class, args);
  }

  /** Users see their own order channel, join the lobby, and sign in as themselves. */
  @Bean
  PusherAccessPolicy pusherAccessPolicy() {
    return new PusherAccessPolicy() {
      @Override
      public boolean maySubscribe(PusherAuthRequest request, String channel) {
        return user(request)
            .map(
                u ->
                    channel.equals("private-orders-" + u.id())
                        || channel.equals("private-encrypted-orders-" + u.id()))
            .orElse(false);
      }

      @Override
      public Optional<PresenceMember> presenceMember(PusherAuthRequest request, String channel) {
        return channel.equals("presence-lobby")
            ? user(request).map(u -> PresenceMember.of(u.id(), Map.of("name", u.id())))
            : Optional.empty();
      }

      @Override
      public Optional<UserData> user(PusherAuthRequest request) {
        return Optional.ofNullable(request.servletRequest().getHeader("X-User")).map(UserData::of);
      }
    };
  }

  /** Ships an order and tells its owner's browser. */
  @RestController
  static class Orders {
    private final Pusher pusher;

    Orders(Pusher pusher) {
      this.pusher = pusher;
    }

    @PostMapping("/orders/{user}/{order}/ship")
    void ship(@PathVariable("user") String user, @PathVariable("order") String order) {
      pusher.trigger("private-orders-" + user, "order-shipped", Map.of("order", order));
    }
  }

  /** Verified webhooks arrive as application events. */
  @EventListener
  void occupied(ChannelOccupied event) {
    log.info("{} is occupied", event.channel());
  }

  @EventListener
  void vacated(ChannelVacated event) {
    log.info("{} is vacated", event.channel());
  }

  @EventListener
  void memberAdded(MemberAdded event) {
    log.info("{} joined {}", event.userId(), event.channel());
  }
}
