package io.channels4j.spring.boot;

import io.channels4j.Pusher;
import io.channels4j.RequestListener;
import io.channels4j.crypto.SecretBoxEncryption;
import io.channels4j.jackson2.Jackson2PayloadEncoder;
import io.channels4j.jackson3.Jackson3PayloadEncoder;
import io.channels4j.micrometer.ObservingRequestListener;
import io.channels4j.micrometer.PusherGauges;
import io.channels4j.spi.ChannelEncryption;
import io.channels4j.spi.PayloadEncoder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.observation.ObservationRegistry;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Auto-configures a {@link Pusher} from the {@code pusher.*} properties ({@link PusherProperties}),
 * unless the application defines its own. The client is closed when the context closes. {@link
 * RequestListener} beans are all told of every request; {@link PusherBuilderCustomizer} beans
 * adjust the builder last. A {@link PayloadEncoder} bean encodes payloads; without one, the
 * application's own Jackson mapper bean does, with channels4j-jackson3 (a Jackson 3 {@code
 * ObjectMapper}, Boot 4) or channels4j-jackson2 (a Jackson 2 {@code ObjectMapper}, Boot 3) present.
 * With Micrometer's registries present, every request is observed and gauged
 * (channels4j-micrometer); with channels4j-crypto present, {@code pusher.encryption-master-key}
 * enables encrypted channels.
 */
@AutoConfiguration(
    afterName = {
      // Boot 3.5
      "org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration",
      "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
      // Boot 4.0
      "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
      // The application's mapper: Boot 3.5 (Jackson 2), Boot 4.0 (Jackson 3)
      "org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration",
      "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration"
    })
@ConditionalOnClass(Pusher.class)
@EnableConfigurationProperties(PusherProperties.class)
// In this order: with both mappers (Boot 4 with Jackson 2 kept), Jackson 3, Boot 4's default, wins.
@Import({
  PusherAutoConfiguration.Jackson3EncoderConfiguration.class,
  PusherAutoConfiguration.Jackson2EncoderConfiguration.class
})
public class PusherAutoConfiguration {

  /** Creates the auto-configuration. */
  public PusherAutoConfiguration() {}

  /**
   * The client, closed with the context.
   *
   * @param properties the properties
   * @param encryption the channel encryption, if any
   * @param payloadEncoder the payload encoder, if any
   * @param listeners the request listeners, in order
   * @param customizers the builder customizers, in order
   * @return the client
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public Pusher pusher(
      PusherProperties properties,
      ObjectProvider<ChannelEncryption> encryption,
      ObjectProvider<PayloadEncoder> payloadEncoder,
      ObjectProvider<RequestListener> listeners,
      ObjectProvider<PusherBuilderCustomizer> customizers) {
    Pusher.Builder builder = PusherClientFactory.builder(properties);
    ChannelEncryption channelEncryption = encryption.getIfUnique();
    if (channelEncryption != null) {
      builder.encryption(channelEncryption);
    } else if (properties.getEncryptionMasterKey() != null) {
      throw new PusherPropertiesException(
          "pusher.encryption-master-key",
          "pusher.encryption-master-key is set, but channels4j-crypto is not on the classpath;"
              + " add the dependency io.channels4j:channels4j-crypto");
    }
    PayloadEncoder encoder = payloadEncoder.getIfUnique();
    if (encoder != null) {
      builder.payloadEncoder(encoder);
    }
    List<RequestListener> all = listeners.orderedStream().toList();
    if (all.size() == 1) {
      builder.requestListener(all.get(0));
    } else if (all.size() > 1) {
      builder.requestListener(new CompositeRequestListener(all));
    }
    customizers.orderedStream().forEach(c -> c.customize(builder));
    return PusherClientFactory.apply("pusher", builder::build);
  }

  /** Encrypted channels from {@code pusher.encryption-master-key}, with channels4j-crypto. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(SecretBoxEncryption.class)
  @ConditionalOnProperty(prefix = "pusher", name = "encryption-master-key")
  static class EncryptionConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ChannelEncryption pusherChannelEncryption(PusherProperties properties) {
      return PusherClientFactory.apply(
          "pusher.encryption-master-key",
          () -> SecretBoxEncryption.withMasterKeyBase64(properties.getEncryptionMasterKey()));
    }
  }

  /**
   * Payloads written by the application's Jackson 3 mapper (Boot 4's {@code JsonMapper}), with its
   * naming strategy and modules, unless the application has its own {@link PayloadEncoder}.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({tools.jackson.databind.ObjectMapper.class, Jackson3PayloadEncoder.class})
  @ConditionalOnSingleCandidate(tools.jackson.databind.ObjectMapper.class)
  static class Jackson3EncoderConfiguration {

    @Bean
    @ConditionalOnMissingBean
    PayloadEncoder pusherJackson3PayloadEncoder(tools.jackson.databind.ObjectMapper mapper) {
      return Jackson3PayloadEncoder.of(mapper);
    }
  }

  /**
   * Payloads written by the application's Jackson 2 mapper (Boot 3's {@code ObjectMapper}), with
   * its naming strategy and modules, unless the application has its own {@link PayloadEncoder}.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({
    com.fasterxml.jackson.databind.ObjectMapper.class,
    Jackson2PayloadEncoder.class
  })
  @ConditionalOnSingleCandidate(com.fasterxml.jackson.databind.ObjectMapper.class)
  static class Jackson2EncoderConfiguration {

    @Bean
    @ConditionalOnMissingBean
    PayloadEncoder pusherJackson2PayloadEncoder(
        com.fasterxml.jackson.databind.ObjectMapper mapper) {
      return Jackson2PayloadEncoder.of(mapper);
    }
  }

  /** Observations, a retry counter and gauges, when the application has Micrometer registries. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({ObservationRegistry.class, MeterRegistry.class})
  @ConditionalOnBean({ObservationRegistry.class, MeterRegistry.class})
  static class MicrometerConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ObservingRequestListener pusherObservingRequestListener(
        ObservationRegistry observations, MeterRegistry meters) {
      return new ObservingRequestListener(observations, meters);
    }

    /** Gauges of the application's client, whether auto-configured or its own (if just one). */
    @Bean
    MeterBinder pusherGauges(ObjectProvider<Pusher> pusher) {
      return registry -> {
        Pusher client = pusher.getIfUnique();
        if (client != null) {
          new PusherGauges(client).bindTo(registry);
        }
      };
    }
  }
}
