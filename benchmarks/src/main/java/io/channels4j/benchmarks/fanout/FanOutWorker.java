package io.channels4j.benchmarks.fanout;

import com.pusher.rest.data.Result;
import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.OperatingSystemMXBean;
import io.channels4j.Pusher;
import io.channels4j.RetryPolicy;
import io.channels4j.benchmarks.load.SystemStats;
import io.channels4j.benchmarks.load.Target;
import io.channels4j.bulk.BulkItem;
import io.channels4j.bulk.BulkPublisher;
import io.channels4j.bulk.BulkReport;
import io.channels4j.spi.HttpRequest;
import io.channels4j.spi.HttpResponse;
import io.channels4j.spi.HttpTransport;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;

/**
 * One contender of the fan-out benchmark in a JVM of its own: {@code FanOutWorker CONTENDER PORT
 * EVENTS CONCURRENCY}. Warms up with at least {@value #WARMUPS} fan-outs of {@code EVENTS} events
 * (one event, one channel each), measures {@code MEASURED} more back to back, and prints one line:
 * {@code contender events seconds cpuNanos requests contextSwitches jitCpuNanos}. {@code heap}
 * instead fans out from a lazy iterator and prints the largest heap in use after any garbage
 * collection.
 */
public final class FanOutWorker {
  static final String EVENT = "fan";
  static final String DATA = "{\"n\":1}";

  /**
   * Fan-outs of EVENTS before measuring (at least WARMUPS and WARMUP_MIN, more while the JIT
   * compiler is busy), and measured back to back (one CPU window).
   */
  static final int WARMUPS = 3;

  static final long WARMUP_MIN_NANOS =
      Long.getLong("channels4j.fanout.warmupMinMillis", 3_000) * 1_000_000L;

  static final long WARMUP_MAX_NANOS =
      Long.getLong("channels4j.fanout.warmupMaxMillis", 20_000) * 1_000_000L;

  static final int MEASURED = Integer.getInteger("channels4j.fanout.measured", 30);

  private FanOutWorker() {}

  /**
   * Runs one contender.
   *
   * @param args contender, port, events, concurrency
   * @throws Exception on any failure (the driver reports it)
   */
  public static void main(String[] args) throws Exception {
    String contender = args[0];
    Target target = Target.loopback(Integer.parseInt(args[1]));
    int events = Integer.parseInt(args[2]);
    int concurrency = Integer.parseInt(args[3]);
    if (contender.equals("heap")) {
      heap(target, events, concurrency);
      return;
    }
    Runner runner = runner(contender, target, concurrency);
    // Warm-up: the same work, so that the measured runs are JIT-compiled code. On 2 cores the JIT
    // compiler competes with the contender's threads and takes seconds to finish the transport
    // path: warm up for at least WARMUP_MIN, then until the compiler used at most 2% of the last
    // second (at most WARMUP_MAX).
    long warmStart = System.nanoTime();
    long checkAt = warmStart;
    long jitAt = SystemStats.jitMillis();
    for (int w = 0; ; w++) {
      runner.prepare(channels("warm" + w + "-", events)).call();
      long now = System.nanoTime();
      if (w + 1 < WARMUPS || now - checkAt < 1_000_000_000L) {
        continue;
      }
      long jit = SystemStats.jitMillis();
      boolean quiet = (jit - jitAt) * 1_000_000L <= (now - checkAt) / 50;
      checkAt = now;
      jitAt = jit;
      if ((quiet && now - warmStart >= WARMUP_MIN_NANOS) || now - warmStart >= WARMUP_MAX_NANOS) {
        System.err.printf("warm-up %.1f s, %d fan-outs%n", (now - warmStart) / 1e9, w + 1);
        break;
      }
    }
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    List<java.util.concurrent.Callable<Long>> runs = new ArrayList<>();
    for (int m = 0; m < MEASURED; m++) {
      runs.add(runner.prepare(channels("ch" + m + "-", events)));
    }
    java.util.concurrent.Callable<Long> prime = runner.prepare(channels("prime-", events));
    System.gc();
    settle();
    // One more fan-out right before the window: preparing the runs left the client idle (its
    // executor's threads time out, paths taken only then deoptimize); this brings it back.
    prime.call();
    long switches0 = contextSwitches();
    long jit0 = SystemStats.jitMillis();
    long cpu0 = os.getProcessCpuTime();
    long t0 = System.nanoTime();
    long requests = 0;
    for (java.util.concurrent.Callable<Long> run : runs) {
      requests += run.call();
    }
    long t1 = System.nanoTime();
    long cpu1 = os.getProcessCpuTime();
    long jit = SystemStats.jitMillis() - jit0;
    long switches = contextSwitches() - switches0;
    runner.close();
    System.out.printf(
        "RESULT %s %d %.6f %d %d %d %d%n",
        contender,
        (long) events * MEASURED,
        (t1 - t0) / 1e9,
        cpu1 - cpu0,
        requests,
        switches,
        jit * 1_000_000);
  }

  /**
   * Waits (at most 5 s) until the JIT compiler has been idle for 200 ms, so that compilations
   * queued while preparing the runs do not land in the measured window.
   */
  private static void settle() throws InterruptedException {
    long last = SystemStats.jitMillis();
    for (int i = 0; i < 25; i++) {
      Thread.sleep(200);
      long now = SystemStats.jitMillis();
      if (now == last) {
        return;
      }
      last = now;
    }
  }

  /** Context switches of this process's threads so far (Linux /proc), or 0 elsewhere. */
  static long contextSwitches() {
    long sum = 0;
    try (java.util.stream.Stream<java.nio.file.Path> tasks =
        java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/task"))) {
      for (java.nio.file.Path task : (Iterable<java.nio.file.Path>) tasks::iterator) {
        try {
          for (String line : java.nio.file.Files.readAllLines(task.resolve("status"))) {
            if (line.startsWith("voluntary_ctxt_switches:")
                || line.startsWith("nonvoluntary_ctxt_switches:")) {
              sum += Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
            }
          }
        } catch (IOException | RuntimeException e) {
          // a thread that ended meanwhile
        }
      }
    } catch (IOException e) {
      return 0;
    }
    return sum;
  }

  /**
   * The async path alone: {@code concurrency} chains of {@code async().trigger}, each starting its
   * next call from the completion of the previous one (as the load driver does), one request per
   * channel.
   */
  private static Runner asyncChain(Target target, int concurrency) {
    Pusher pusher = client(target, concurrency);
    return new Runner() {
      @Override
      public java.util.concurrent.Callable<Long> prepare(List<String> channels) {
        return () -> {
          AtomicInteger next = new AtomicInteger();
          java.util.concurrent.CountDownLatch done =
              new java.util.concurrent.CountDownLatch(concurrency);
          AtomicLong failures = new AtomicLong();
          for (int c = 0; c < concurrency; c++) {
            chain(pusher, channels, next, done, failures);
          }
          done.await();
          if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " async triggers failed");
          }
          return (long) channels.size();
        };
      }

      @Override
      public void close() {
        pusher.close();
      }
    };
  }

  private static void chain(
      Pusher pusher,
      List<String> channels,
      AtomicInteger next,
      java.util.concurrent.CountDownLatch done,
      AtomicLong failures) {
    int i = next.getAndIncrement();
    if (i >= channels.size()) {
      done.countDown();
      return;
    }
    pusher
        .async()
        .trigger(channels.get(i), EVENT, DATA)
        .whenComplete(
            (r, e) -> {
              if (e != null) {
                failures.incrementAndGet();
              }
              chain(pusher, channels, next, done, failures);
            });
  }

  private static List<String> channels(String prefix, int n) {
    List<String> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      list.add(prefix + i);
    }
    return list;
  }

  /** A contender: sends one event to every channel, returns the number of requests. */
  interface Runner {
    /** Prepares a run (not timed); returns the timed part, which returns the request count. */
    java.util.concurrent.Callable<Long> prepare(List<String> channels) throws Exception;

    void close();
  }

  private static Runner runner(String name, Target target, int concurrency) throws IOException {
    return switch (name) {
      case "bulk" -> bulk(target, concurrency);
      case "naive-loop" -> naive(target);
      case "official-naive-loop" -> officialNaive(target);
      case "raw-socket-batched" -> rawBatched(target, concurrency);
      case "async-chain" -> asyncChain(target, concurrency);
      default -> throw new IllegalArgumentException("unknown contender " + name);
    };
  }

  private static Pusher client(Target target, int concurrency) {
    return Pusher.builder()
        .appId(target.appId())
        .key(target.key())
        .secret(target.secret())
        .host(target.host())
        .port(target.port())
        .useTls(false)
        .retryPolicy(RetryPolicy.none())
        .maxRequestsInFlight(concurrency)
        .build();
  }

  private static Runner bulk(Target target, int concurrency) {
    Pusher pusher = client(target, concurrency);
    BulkPublisher bulk = BulkPublisher.builder(pusher).concurrency(concurrency).build();
    return new Runner() {
      @Override
      public java.util.concurrent.Callable<Long> prepare(List<String> channels) {
        return () -> {
          BulkReport report = bulk.fanOut(channels, EVENT, DATA);
          if (!report.allDelivered()) {
            throw new IllegalStateException("fan-out failed: " + report);
          }
          return report.requests();
        };
      }

      @Override
      public void close() {
        pusher.close();
      }
    };
  }

  private static Runner naive(Target target) {
    Pusher pusher = client(target, 1);
    return new Runner() {
      @Override
      public java.util.concurrent.Callable<Long> prepare(List<String> channels) {
        return () -> {
          for (String channel : channels) {
            pusher.trigger(channel, EVENT, DATA);
          }
          return (long) channels.size();
        };
      }

      @Override
      public void close() {
        pusher.close();
      }
    };
  }

  private static Runner officialNaive(Target target) {
    com.pusher.rest.Pusher p =
        new com.pusher.rest.Pusher(target.appId(), target.key(), target.secret());
    p.setHost(target.hostAndPort());
    PoolingHttpClientConnectionManager pool = new PoolingHttpClientConnectionManager();
    p.configureHttpClient(
        com.pusher.rest.Pusher.defaultHttpClientBuilder().setConnectionManager(pool));
    Map<String, Integer> data = Map.of("n", 1);
    return new Runner() {
      @Override
      public java.util.concurrent.Callable<Long> prepare(List<String> channels) {
        return () -> {
          for (String channel : channels) {
            Result r = p.trigger(channel, EVENT, data);
            if (r.getStatus() != Result.Status.SUCCESS) {
              throw new IOException("trigger failed: " + r.getHttpStatus() + " " + r.getMessage());
            }
          }
          return (long) channels.size();
        };
      }

      @Override
      public void close() {
        try {
          p.close();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
    };
  }

  /**
   * The limit: the requests the bulk publisher would send (captured from channels4j, signed, not
   * timed), written by {@code concurrency} threads, each on its own raw keep-alive socket; threads
   * and sockets live as long as the contender, as a client's pool does.
   */
  private static Runner rawBatched(Target target, int concurrency) throws IOException {
    java.util.concurrent.ExecutorService threads =
        java.util.concurrent.Executors.newFixedThreadPool(concurrency);
    List<Socket> sockets = new ArrayList<>();
    for (int t = 0; t < concurrency; t++) {
      Socket s = new Socket();
      s.setTcpNoDelay(true);
      s.connect(new InetSocketAddress(target.host(), target.port()), 10_000);
      sockets.add(s);
    }
    return new Runner() {
      @Override
      public java.util.concurrent.Callable<Long> prepare(List<String> channels) {
        List<byte[]> requests = capture(target, channels);
        return () -> send(requests);
      }

      private long send(List<byte[]> requests) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicLong sent = new AtomicLong();
        List<java.util.concurrent.Future<?>> running = new ArrayList<>();
        for (Socket s : sockets) {
          running.add(
              threads.submit(
                  () -> {
                    OutputStream out = s.getOutputStream();
                    InputStream in = s.getInputStream();
                    byte[] buffer = new byte[4096];
                    for (int i = next.getAndIncrement();
                        i < requests.size();
                        i = next.getAndIncrement()) {
                      out.write(requests.get(i));
                      readResponse(in, buffer);
                      sent.incrementAndGet();
                    }
                    return null;
                  }));
        }
        for (java.util.concurrent.Future<?> f : running) {
          f.get(); // rethrows the first failure
        }
        return sent.get();
      }

      @Override
      public void close() {
        threads.shutdownNow();
        for (Socket s : sockets) {
          try {
            s.close();
          } catch (IOException ignored) {
            // closing anyway
          }
        }
      }
    };
  }

  /** Captures the bulk publisher's requests as raw HTTP/1.1 bytes. */
  static List<byte[]> capture(Target target, List<String> channels) {
    List<byte[]> requests = new ArrayList<>();
    HttpTransport capturing =
        new HttpTransport() {
          @Override
          public synchronized HttpResponse send(HttpRequest r) {
            StringBuilder head = new StringBuilder();
            head.append(r.method())
                .append(' ')
                .append(r.uri().getRawPath())
                .append('?')
                .append(r.uri().getRawQuery())
                .append(" HTTP/1.1\r\nHost: ")
                .append(target.hostAndPort())
                .append("\r\n");
            r.headers().forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            head.append("Content-Length: ").append(r.body().length).append("\r\n\r\n");
            byte[] h = head.toString().getBytes(StandardCharsets.US_ASCII);
            byte[] all = new byte[h.length + r.body().length];
            System.arraycopy(h, 0, all, 0, h.length);
            System.arraycopy(r.body(), 0, all, h.length, r.body().length);
            requests.add(all);
            return new HttpResponse(200, Map.of(), "{}".getBytes(StandardCharsets.US_ASCII));
          }

          @Override
          public void close() {}
        };
    try (Pusher pusher =
        Pusher.builder()
            .appId(target.appId())
            .key(target.key())
            .secret(target.secret())
            .host(target.host())
            .port(target.port())
            .useTls(false)
            .transport(capturing)
            .build()) {
      BulkReport report =
          BulkPublisher.builder(pusher).concurrency(1).build().fanOut(channels, EVENT, DATA);
      if (!report.allDelivered()) {
        throw new IllegalStateException("capture failed: " + report);
      }
    }
    return requests;
  }

  private static void readResponse(InputStream in, byte[] buffer) throws IOException {
    int filled = 0;
    while (true) {
      int n = in.read(buffer, filled, buffer.length - filled);
      if (n < 0) {
        throw new EOFException("closed by the sink");
      }
      filled += n;
      String text = new String(buffer, 0, filled, StandardCharsets.ISO_8859_1);
      int end = text.indexOf("\r\n\r\n");
      if (end < 0) {
        continue;
      }
      if (!text.startsWith("HTTP/1.1 200 ")) {
        throw new IOException("not 200: " + text.lines().findFirst().orElse(""));
      }
      int cl = text.toLowerCase(java.util.Locale.ROOT).indexOf("content-length:");
      int length = Integer.parseInt(text.substring(cl + 15, text.indexOf("\r\n", cl)).strip());
      if (filled >= end + 4 + length) {
        return;
      }
    }
  }

  /**
   * Fans out {@code events} events from a lazy iterator and prints the largest heap in use after a
   * garbage collection: what the run really keeps, whatever the input's length.
   */
  private static void heap(Target target, int events, int concurrency) throws Exception {
    AtomicLong peakAfterGc = new AtomicLong();
    java.util.Set<String> heapPools = new java.util.HashSet<>();
    for (java.lang.management.MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == java.lang.management.MemoryType.HEAP) {
        heapPools.add(pool.getName());
      }
    }
    for (java.lang.management.GarbageCollectorMXBean gc :
        ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) gc)
          .addNotificationListener(
              (notification, handback) -> {
                if (!notification
                    .getType()
                    .equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                  return;
                }
                GarbageCollectionNotificationInfo info =
                    GarbageCollectionNotificationInfo.from(
                        (CompositeData) notification.getUserData());
                long used = 0;
                for (Map.Entry<String, MemoryUsage> u :
                    info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                  if (heapPools.contains(u.getKey())) {
                    used += u.getValue().getUsed(); // the heap only, not metaspace or code
                  }
                }
                peakAfterGc.accumulateAndGet(used, Math::max);
              },
              null,
              null);
    }
    Pusher pusher = client(target, concurrency);
    BulkPublisher bulk = BulkPublisher.builder(pusher).concurrency(concurrency).build();
    Iterator<BulkItem> input =
        new Iterator<>() {
          int n;

          @Override
          public boolean hasNext() {
            return n < events;
          }

          @Override
          public BulkItem next() {
            if (n >= events) {
              throw new NoSuchElementException();
            }
            return BulkItem.toChannel("ch-" + n++, EVENT, DATA);
          }
        };
    long t0 = System.nanoTime();
    BulkReport report = bulk.publish(input);
    double seconds = (System.nanoTime() - t0) / 1e9;
    pusher.close();
    if (!report.allDelivered()) {
      throw new IllegalStateException("fan-out failed: " + report);
    }
    System.out.printf(
        "HEAP %d %.3f %d %d%n",
        events, seconds, peakAfterGc.get(), Runtime.getRuntime().maxMemory());
  }
}
