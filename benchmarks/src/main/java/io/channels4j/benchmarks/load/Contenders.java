package io.channels4j.benchmarks.load;

import io.channels4j.benchmarks.load.contenders.Channels4jContender;
import io.channels4j.benchmarks.load.contenders.HttpUrlConnectionContender;
import io.channels4j.benchmarks.load.contenders.JdkHttpClientContender;
import io.channels4j.benchmarks.load.contenders.PusherHttpJavaAsyncContender;
import io.channels4j.benchmarks.load.contenders.PusherHttpJavaSyncContender;
import io.channels4j.benchmarks.load.contenders.RawSocketContender;
import java.util.List;

/** The contenders of the standard run, in the order of the first round. */
public final class Contenders {
  private Contenders() {}

  /**
   * Creates every contender. Each round interleaves all of them, rotating the order.
   *
   * @return new instances, one per contender
   */
  public static List<Contender> all() {
    return List.of(
        // The limit and the plain JDK clients, all sending one pre-signed request.
        new RawSocketContender(),
        new HttpUrlConnectionContender(),
        new JdkHttpClientContender(),
        // The official library, com.pusher:pusher-http-java.
        new PusherHttpJavaSyncContender(true),
        new PusherHttpJavaSyncContender(false),
        new PusherHttpJavaAsyncContender(),
        // channels4j: one contender per transport it ships.
        new Channels4jContender(Channels4jContender.Transport.POOLED_SOCKETS),
        new Channels4jContender(Channels4jContender.Transport.JDK_HTTP_CLIENT),
        // The blocking path at c=32: the async path's reference (issue 15).
        new Channels4jContender(Channels4jContender.Transport.POOLED_SOCKETS, true));
  }
}
