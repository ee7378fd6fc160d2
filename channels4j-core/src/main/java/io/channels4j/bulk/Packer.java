package io.channels4j.bulk;

import io.channels4j.Pusher;
import io.channels4j.ValidationException;
import io.channels4j.internal.Validate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Packs items, read lazily, into the fewest requests the limits allow, greedily and in input order:
 * a run of items carrying the same event to different channels (or users) becomes one trigger of up
 * to the limit; other channel events are batched, up to the batch limit. Concatenating the items of
 * the requests in order gives back the valid input items in order. Holds at most one request and
 * two looked-ahead items. Not thread-safe: one run's producer thread owns it.
 */
final class Packer {
  /** What a request sends. */
  enum Kind {
    /** One event to 1..maxChannelsPerTrigger distinct channels. */
    TRIGGER,
    /** 2..maxEventsPerBatch channel events. */
    BATCH,
    /** One event to 1..maxUsersPerRequest distinct users. */
    USERS
  }

  /**
   * A packed request.
   *
   * @param kind what it sends
   * @param items its items, in input order
   * @param targets for a trigger of several channels or a send to several users, the channels or
   *     user ids of the items in the same order (collected while packing, so that sending needs no
   *     second pass); otherwise empty
   */
  record Packed(Kind kind, List<BulkItem> items, List<String> targets) {
    /** A request of one item, or a batch. */
    Packed(Kind kind, List<BulkItem> items) {
      this(kind, items, List.of());
    }

    int size() {
      return items.size();
    }
  }

  private final Iterator<? extends BulkItem> input;

  /** The input when it is a fan-out, packed by names alone; else null. */
  private final ChannelFanOut fanOut;

  private final BulkLimits limits;
  private final BiConsumer<BulkItem, String> rejected;

  /**
   * Whether one event to several channels goes in one trigger; when a batch holds more events than
   * a trigger holds channels, batches take fewer requests.
   */
  private final boolean triggers;

  private final ArrayDeque<BulkItem> pushedBack = new ArrayDeque<>(2);

  /** The most items a request holds: lists start at this size and never grow. */
  private final int capacity;

  private final NameSet names;
  private long read;
  private RuntimeException failure;
  private String lastValidName;

  /**
   * Creates a packer.
   *
   * @param input the items
   * @param limits the limits
   * @param rejected told about each invalid item (with the reason), which is never packed
   */
  Packer(
      Iterator<? extends BulkItem> input,
      BulkLimits limits,
      BiConsumer<BulkItem, String> rejected) {
    this.input = input;
    this.fanOut = input instanceof ChannelFanOut f ? f : null;
    this.limits = limits;
    this.names = new NameSet(Math.max(limits.maxChannelsPerTrigger(), limits.maxUsersPerRequest()));
    this.capacity =
        Math.max(
            limits.maxEventsPerBatch(),
            Math.max(limits.maxChannelsPerTrigger(), limits.maxUsersPerRequest()));
    this.rejected = rejected;
    this.triggers =
        limits.maxChannelsPerTrigger() > 1
            && limits.maxChannelsPerTrigger() >= limits.maxEventsPerBatch();
  }

  /** What the input threw, after which it is not read again; null while it has not. */
  RuntimeException failure() {
    return failure;
  }

  /** Items taken from the input so far (valid or not, packed or looked ahead). */
  long read() {
    return read;
  }

  /**
   * Returns and forgets the items read but not packed yet (at most two), e.g. on cancellation.
   *
   * @return the items
   */
  List<BulkItem> drainLookahead() {
    List<BulkItem> items = new ArrayList<>(pushedBack);
    pushedBack.clear();
    return items;
  }

  /**
   * Packs the next request.
   *
   * @return the request, or null at the end of the input, or once the input threw (also for a null
   *     item; see {@link #failure()})
   */
  Packed next() {
    if (fanOut != null && triggers && pushedBack.isEmpty()) {
      return nextOfFanOut(fanOut);
    }
    BulkItem first = pull();
    if (first == null) {
      return null;
    }
    List<BulkItem> items = new ArrayList<>(capacity);
    items.add(first);
    if (first instanceof BulkItem.ToUser user) {
      List<String> ids = new ArrayList<>(capacity);
      ids.add(user.userId());
      NameSet users = names;
      users.clear();
      users.add(user.userId());
      while (items.size() < limits.maxUsersPerRequest()) {
        BulkItem x = pull();
        if (x == null) {
          break;
        }
        if (x instanceof BulkItem.ToUser u && sameEvent(user, u) && users.add(u.userId())) {
          items.add(x);
          ids.add(u.userId());
        } else {
          pushedBack.addFirst(x);
          break;
        }
      }
      return new Packed(Kind.USERS, items, ids);
    }
    BulkItem.ToChannel head = (BulkItem.ToChannel) first;
    BulkItem second = pull();
    if (second == null) {
      return new Packed(Kind.TRIGGER, items);
    }
    if (mergeable(head, second)) {
      items.add(second);
      List<String> targets = new ArrayList<>(capacity);
      targets.add(head.channel());
      targets.add(((BulkItem.ToChannel) second).channel());
      NameSet channels = names;
      channels.clear();
      channels.add(head.channel());
      channels.add(((BulkItem.ToChannel) second).channel());
      while (items.size() < limits.maxChannelsPerTrigger()) {
        BulkItem x = pull();
        if (x == null) {
          break;
        }
        String channel = mergeable(head, x) ? ((BulkItem.ToChannel) x).channel() : null;
        if (channel == null || !channels.add(channel)) {
          pushedBack.addFirst(x);
          break;
        }
        items.add(x);
        targets.add(channel);
      }
      return new Packed(Kind.TRIGGER, items, targets);
    }
    pushedBack.addFirst(second);
    while (items.size() < limits.maxEventsPerBatch()) {
      BulkItem x = pull();
      if (x == null) {
        break;
      }
      BulkItem.ToChannel last = (BulkItem.ToChannel) items.get(items.size() - 1);
      if (!(x instanceof BulkItem.ToChannel)) {
        pushedBack.addFirst(x);
        break;
      }
      if (mergeable(last, x)) {
        // A run of one event to many channels starts at `last`: it goes into a trigger of its own.
        pushedBack.addFirst(x);
        if (items.size() > 1) {
          items.remove(items.size() - 1);
          pushedBack.addFirst(last);
        }
        break;
      }
      items.add(x);
    }
    return new Packed(items.size() == 1 ? Kind.TRIGGER : Kind.BATCH, items);
  }

  /**
   * {@link #next()} for a fan-out input, with the same result: a run of distinct, unencrypted
   * channels becomes one trigger, read as bare names (no item object per channel, one check per
   * name). Anything else (an encrypted channel, or the same channel twice at the start) goes back
   * to the general path as items.
   */
  private Packed nextOfFanOut(ChannelFanOut in) {
    String first = pullChannel(in);
    if (first == null) {
      return null;
    }
    String second = isEncrypted(first) ? null : pullChannel(in);
    if (second == null || isEncrypted(second) || second.equals(first)) {
      pushedBack.addLast(in.item(first));
      if (second != null) {
        pushedBack.addLast(in.item(second));
      }
      return next();
    }
    List<String> targets = new ArrayList<>(capacity);
    targets.add(first);
    targets.add(second);
    NameSet channels = names;
    channels.clear();
    channels.add(first);
    channels.add(second);
    while (targets.size() < limits.maxChannelsPerTrigger()) {
      String x = pullChannel(in);
      if (x == null) {
        break;
      }
      if (isEncrypted(x) || !channels.add(x)) {
        pushedBack.addFirst(in.item(x));
        break;
      }
      targets.add(x);
    }
    return new Packed(Kind.TRIGGER, in.items(targets), targets);
  }

  /** {@link #pull()} for a fan-out: the next valid channel name, or null at the end. */
  private String pullChannel(ChannelFanOut in) {
    while (failure == null) {
      String channel;
      try {
        if (!in.hasNext()) {
          return null;
        }
        channel = in.nextChannel();
      } catch (RuntimeException e) {
        failure = e;
        return null;
      }
      read++;
      String problem = problem(in.name, in.data, channel);
      if (problem == null) {
        return channel;
      }
      rejected.accept(in.item(channel), problem);
    }
    return null;
  }

  /**
   * The distinct names of the request being packed (a server sends a trigger once per channel, so a
   * repeated one would silently lose an event): one table reused for every request, with no
   * allocation per name, unlike a {@code HashSet}. Open addressing, at most half full.
   */
  private static final class NameSet {
    private final int[] stamps; // per slot: the generation that filled it
    private final int[] hashes; // per slot
    private final int[] positions; // per slot: where its name is in names
    private final String[] names; // in the order added
    private int generation = 1;
    private int size;

    NameSet(int capacity) {
      int slots = Integer.highestOneBit(capacity * 2) << 1;
      stamps = new int[slots];
      hashes = new int[slots];
      positions = new int[slots];
      names = new String[capacity];
    }

    /** Adds a name; false if it is already there. At most {@code capacity} adds between clears. */
    boolean add(String name) {
      int mask = stamps.length - 1;
      int h = name.hashCode();
      int i = (h ^ (h >>> 16)) & mask;
      while (stamps[i] == generation) {
        if (hashes[i] == h && names[positions[i]].equals(name)) {
          return false;
        }
        i = (i + 1) & mask;
      }
      stamps[i] = generation;
      hashes[i] = h;
      positions[i] = size;
      names[size++] = name;
      return true;
    }

    /** Empties the set in constant time: slots of older generations count as free. */
    void clear() {
      size = 0;
      if (++generation == 0) { // wrapped: no slot may keep a stamp that looks current
        java.util.Arrays.fill(stamps, 0);
        generation = 1;
      }
    }
  }

  /** Whether {@code x} can join a trigger of {@code head}'s event (if its channel is new). */
  private boolean mergeable(BulkItem.ToChannel head, BulkItem x) {
    return triggers
        && x instanceof BulkItem.ToChannel c
        && !head.channel().equals(c.channel())
        && sameEvent(head, c)
        && head.excludeSocketId().equals(c.excludeSocketId())
        && !isEncrypted(head.channel())
        && !isEncrypted(c.channel());
  }

  private static boolean sameEvent(BulkItem a, BulkItem b) {
    return a.name().equals(b.name()) && (a.data() == b.data() || a.data().equals(b.data()));
  }

  private static boolean isEncrypted(String channel) {
    return channel.startsWith(Pusher.ENCRYPTED_CHANNEL_PREFIX);
  }

  /** The next valid item, or null at the end; invalid ones are reported and skipped. */
  private BulkItem pull() {
    if (!pushedBack.isEmpty()) {
      return pushedBack.removeFirst();
    }
    while (failure == null) {
      BulkItem item;
      try {
        if (!input.hasNext()) {
          return null;
        }
        item = Objects.requireNonNull(input.next(), "the input returned a null item");
      } catch (RuntimeException e) {
        failure = e; // what was read before still goes; the run reports the failure
        return null;
      }
      read++;
      String problem = problem(item);
      if (problem == null) {
        return item;
      }
      rejected.accept(item, problem);
    }
    return null;
  }

  /** Checks an item of a fan-out as the client would, or returns why it is invalid. */
  private String problem(String name, Object data, String channel) {
    try {
      checkEvent(name, data);
      Validate.channel("channel", channel);
      lastValidName = name;
      return null;
    } catch (ValidationException e) {
      return e.getMessage();
    }
  }

  /** Checks an item as the client would, or returns why it is invalid. */
  private String problem(BulkItem item) {
    try {
      checkEvent(item.name(), item.data());
      if (item instanceof BulkItem.ToChannel c) {
        Validate.channel("channel", c.channel());
        c.excludeSocketId().ifPresent(id -> Validate.socketId("excludeSocketId", id));
      } else {
        Validate.userId("userId", ((BulkItem.ToUser) item).userId(), Validate.MAX_USER_ID_LENGTH);
      }
      lastValidName = item.name();
      return null;
    } catch (ValidationException e) {
      return e.getMessage();
    }
  }

  /** The event's name (unless it is the last valid one, the same string) and data. */
  private void checkEvent(String name, Object data) {
    if (name != lastValidName) {
      Validate.eventName("name", name);
    }
    if (data == null) {
      throw new ValidationException("data must not be null");
    }
  }
}
