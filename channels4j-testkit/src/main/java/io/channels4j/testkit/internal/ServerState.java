package io.channels4j.testkit.internal;

import io.channels4j.testkit.Fault;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The seeded world the queries answer from: channels, presence members, caches, faults. */
public final class ServerState {
  /** How long a cache channel keeps its last event (the service's documented 30 minutes). */
  static final Duration CACHE_TTL = Duration.ofMinutes(30);

  private final Map<String, Channel> channels = new TreeMap<>();
  private final Map<String, Cached> caches = new TreeMap<>();
  private final Deque<Fault> faults = new ArrayDeque<>();
  private int pushSubscribers;

  private static final class Channel {
    int extraSubscriptions;
    final LinkedHashSet<String> members = new LinkedHashSet<>();

    int subscriptions() {
      return extraSubscriptions + members.size();
    }
  }

  record Cached(String data, Instant at) {}

  /** A read-only view of one channel. */
  record View(boolean occupied, int subscriptionCount, List<String> members) {}

  public synchronized void occupy(String channel, int subscriptions) {
    channels.computeIfAbsent(channel, c -> new Channel()).extraSubscriptions = subscriptions;
    dropIfEmpty(channel);
  }

  public synchronized void vacate(String channel) {
    channels.remove(channel);
  }

  public synchronized void addMember(String channel, String userId) {
    channels.computeIfAbsent(channel, c -> new Channel()).members.add(userId);
  }

  public synchronized boolean removeMember(String channel, String userId) {
    Channel c = channels.get(channel);
    boolean removed = c != null && c.members.remove(userId);
    dropIfEmpty(channel);
    return removed;
  }

  /** A terminated user leaves every presence channel. */
  synchronized void removeUserEverywhere(String userId) {
    for (String channel : List.copyOf(channels.keySet())) {
      removeMember(channel, userId);
    }
  }

  synchronized View view(String channel) {
    Channel c = channels.get(channel);
    if (c == null) {
      return new View(false, 0, List.of());
    }
    return new View(c.subscriptions() > 0, c.subscriptions(), List.copyOf(c.members));
  }

  /** Occupied channels by name, sorted. */
  synchronized Map<String, View> occupied() {
    Map<String, View> out = new TreeMap<>();
    channels.forEach(
        (name, c) -> {
          if (c.subscriptions() > 0) {
            out.put(name, new View(true, c.subscriptions(), List.copyOf(c.members)));
          }
        });
    return out;
  }

  synchronized void cache(String channel, String data, Instant at) {
    caches.put(channel, new Cached(data, at));
  }

  synchronized Optional<Cached> cached(String channel, Instant now) {
    Cached c = caches.get(channel);
    if (c == null || !c.at().plus(CACHE_TTL).isAfter(now)) {
      return Optional.empty();
    }
    return Optional.of(c);
  }

  public synchronized void enqueue(Fault fault, int times) {
    for (int i = 0; i < times; i++) {
      faults.addLast(fault);
    }
  }

  synchronized Fault nextFault() {
    return faults.pollFirst();
  }

  public synchronized void pushSubscribers(int n) {
    pushSubscribers = n;
  }

  synchronized int pushSubscribers() {
    return pushSubscribers;
  }

  public synchronized void reset() {
    channels.clear();
    caches.clear();
    faults.clear();
    pushSubscribers = 0;
  }

  private void dropIfEmpty(String channel) {
    Channel c = channels.get(channel);
    if (c != null && c.extraSubscriptions == 0 && c.members.isEmpty()) {
      channels.remove(channel);
    }
  }
}
