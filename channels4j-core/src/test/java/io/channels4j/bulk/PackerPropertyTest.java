package io.channels4j.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The packer on random inputs (runs of one event to many channels, distinct events, users,
 * encrypted channels, repeated channels, invalid items) and random limits: every valid item is in
 * exactly one request, in input order; no request breaks a limit; invalid items are rejected.
 */
class PackerPropertyTest {

  @Provide
  Arbitrary<List<BulkItem>> inputs() {
    Arbitrary<String> channel =
        Arbitraries.oneOf(
            Arbitraries.integers().between(0, 30).map(i -> "c" + i),
            Arbitraries.integers().between(0, 3).map(i -> "private-encrypted-" + i),
            Arbitraries.of("bad channel", "bad#"));
    Arbitrary<String> user =
        Arbitraries.oneOf(
            Arbitraries.integers().between(0, 30).map(i -> "u" + i), Arbitraries.just("bad user"));
    Arbitrary<String> name = Arbitraries.of("a", "b");
    Arbitrary<String> data = Arbitraries.of("x", "y");
    Arbitrary<Optional<String>> socket = Arbitraries.of(Optional.empty(), Optional.of("1.2"));
    Arbitrary<BulkItem> toChannel =
        Combinators.combine(channel, name, data, socket).as(BulkItem.ToChannel::new);
    Arbitrary<BulkItem> toUser = Combinators.combine(user, name, data).as(BulkItem.ToUser::new);
    // Runs: one event to several channels or users in a row, as a fan-out input would have.
    Arbitrary<List<BulkItem>> run =
        Combinators.combine(
                Arbitraries.integers().between(1, 250),
                name,
                data,
                Arbitraries.of(true, false),
                Arbitraries.integers().between(0, 40))
            .as(
                (n, nm, d, users, offset) -> {
                  List<BulkItem> items = new ArrayList<>();
                  for (int i = 0; i < n; i++) {
                    items.add(
                        users
                            ? BulkItem.toUser("u" + (offset + i % 120), nm, d)
                            : BulkItem.toChannel("c" + (offset + i % 120), nm, d));
                  }
                  return items;
                });
    Arbitrary<List<BulkItem>> piece =
        Arbitraries.<List<BulkItem>>frequencyOf(
            Tuple.of(3, toChannel.map(i -> List.of(i))),
            Tuple.of(1, toUser.map(i -> List.of(i))),
            Tuple.of(1, run));
    return piece
        .list()
        .ofMaxSize(40)
        .map(
            pieces -> {
              List<BulkItem> all = new ArrayList<>();
              pieces.forEach(all::addAll);
              return all;
            });
  }

  @Provide
  Arbitrary<BulkLimits> limits() {
    return Combinators.combine(
            Arbitraries.integers().between(1, 100),
            Arbitraries.integers().between(1, 10),
            Arbitraries.integers().between(1, 100))
        .as(BulkLimits::new);
  }

  @Property(tries = 300)
  void everyValidItemIsInExactlyOneRequestInInputOrder(
      @ForAll("inputs") List<BulkItem> input, @ForAll("limits") BulkLimits limits) {
    List<BulkItem> rejected = new ArrayList<>();
    List<Packer.Packed> requests = pack(input, limits, rejected);

    List<BulkItem> packed = new ArrayList<>();
    requests.forEach(r -> packed.addAll(r.items()));
    List<BulkItem> valid = new ArrayList<>();
    for (BulkItem item : input) {
      if (!isInvalid(item)) {
        valid.add(item);
      }
    }
    // Same objects, same order: compared by identity, so equal duplicates cannot hide a loss.
    assertThat(packed).hasSameSizeAs(valid);
    for (int i = 0; i < valid.size(); i++) {
      assertThat(packed.get(i)).isSameAs(valid.get(i));
    }
    assertThat(rejected).allMatch(PackerPropertyTest::isInvalid);
    assertThat(rejected.size() + packed.size()).isEqualTo(input.size());
  }

  @Property(tries = 300)
  void noRequestBreaksALimit(
      @ForAll("inputs") List<BulkItem> input, @ForAll("limits") BulkLimits limits) {
    for (Packer.Packed r : pack(input, limits, new ArrayList<>())) {
      List<BulkItem> items = r.items();
      assertThat(items).isNotEmpty();
      switch (r.kind()) {
        case TRIGGER -> {
          assertThat(items.size()).isLessThanOrEqualTo(limits.maxChannelsPerTrigger());
          assertThat(items).allMatch(i -> i instanceof BulkItem.ToChannel);
          BulkItem.ToChannel head = (BulkItem.ToChannel) items.get(0);
          Set<String> channels = new HashSet<>();
          for (BulkItem i : items) {
            BulkItem.ToChannel c = (BulkItem.ToChannel) i;
            assertThat(channels.add(c.channel())).as("distinct channels").isTrue();
            assertThat(c.name()).isEqualTo(head.name());
            assertThat(c.data()).isEqualTo(head.data());
            assertThat(c.excludeSocketId()).isEqualTo(head.excludeSocketId());
            if (items.size() > 1) {
              assertThat(c.channel()).doesNotStartWith("private-encrypted-");
            }
          }
        }
        case BATCH -> {
          assertThat(items.size()).isBetween(2, limits.maxEventsPerBatch());
          assertThat(items).allMatch(i -> i instanceof BulkItem.ToChannel);
        }
        case USERS -> {
          assertThat(items.size()).isLessThanOrEqualTo(limits.maxUsersPerRequest());
          assertThat(items).allMatch(i -> i instanceof BulkItem.ToUser);
          Set<String> users = new HashSet<>();
          for (BulkItem i : items) {
            assertThat(users.add(((BulkItem.ToUser) i).userId())).as("distinct users").isTrue();
            assertThat(i.name()).isEqualTo(items.get(0).name());
            assertThat(i.data()).isEqualTo(items.get(0).data());
          }
        }
      }
    }
  }

  @Property(tries = 100)
  void aFanOutToDistinctChannelsTakesTheFewestTriggers(
      @ForAll("limits") BulkLimits limits,
      @ForAll @net.jqwik.api.constraints.IntRange(min = 1, max = 2000) int channels) {
    List<BulkItem> input = new ArrayList<>();
    for (int i = 0; i < channels; i++) {
      input.add(BulkItem.toChannel("ch-" + i, "e", "d"));
    }
    List<Packer.Packed> requests = pack(input, limits, new ArrayList<>());

    // A trigger carries the event to maxChannelsPerTrigger channels, a batch to maxEventsPerBatch.
    int per = Math.max(limits.maxChannelsPerTrigger(), limits.maxEventsPerBatch());
    assertThat(requests).hasSize((channels + per - 1) / per);
  }

  @Property(tries = 100)
  void distinctEventsTakeTheFewestBatches(
      @ForAll("limits") BulkLimits limits,
      @ForAll @net.jqwik.api.constraints.IntRange(min = 1, max = 500) int events) {
    List<BulkItem> input = new ArrayList<>();
    for (int i = 0; i < events; i++) {
      input.add(BulkItem.toChannel("ch-" + i, "e", "data-" + i));
    }
    List<Packer.Packed> requests = pack(input, limits, new ArrayList<>());

    int per = limits.maxEventsPerBatch();
    assertThat(requests).hasSize((events + per - 1) / per);
  }

  @Provide
  Arbitrary<List<String>> fanOutChannels() {
    // Mostly distinct names, with repeats, encrypted and invalid channels where they matter.
    Arbitrary<String> channel =
        Arbitraries.frequencyOf(
            Tuple.of(20, Arbitraries.integers().between(0, 400).map(i -> "c" + i)),
            Tuple.of(1, Arbitraries.integers().between(0, 3).map(i -> "private-encrypted-" + i)),
            Tuple.of(1, Arbitraries.of("bad channel", "..", "")));
    return channel.list().ofMaxSize(700);
  }

  @Property(tries = 300)
  void aFanOutPacksExactlyAsTheSameItemsGivenOneByOne(
      @ForAll("fanOutChannels") List<String> channels, @ForAll("limits") BulkLimits limits) {
    List<BulkItem> rejectedFast = new ArrayList<>();
    Packer fast =
        new Packer(
            BulkItem.toChannels(channels, "e", "d"), limits, (item, why) -> rejectedFast.add(item));
    List<BulkItem> items = new ArrayList<>();
    channels.forEach(c -> items.add(BulkItem.toChannel(c, "e", "d")));
    List<BulkItem> rejectedOneByOne = new ArrayList<>();

    List<Packer.Packed> oneByOne = pack(items, limits, rejectedOneByOne);
    List<Packer.Packed> fanOut = new ArrayList<>();
    for (Packer.Packed r = fast.next(); r != null; r = fast.next()) {
      fanOut.add(r);
    }

    assertThat(fanOut).hasSameSizeAs(oneByOne);
    for (int i = 0; i < fanOut.size(); i++) {
      assertThat(fanOut.get(i).kind()).isEqualTo(oneByOne.get(i).kind());
      assertThat(fanOut.get(i).items()).containsExactlyElementsOf(oneByOne.get(i).items());
      assertThat(fanOut.get(i).targets()).containsExactlyElementsOf(oneByOne.get(i).targets());
    }
    assertThat(rejectedFast).containsExactlyElementsOf(rejectedOneByOne);
    assertThat(fast.read()).isEqualTo(channels.size());
  }

  private static List<Packer.Packed> pack(
      List<BulkItem> input, BulkLimits limits, List<BulkItem> rejected) {
    Packer packer = new Packer(input.iterator(), limits, (item, why) -> rejected.add(item));
    List<Packer.Packed> requests = new ArrayList<>();
    for (Packer.Packed r = packer.next(); r != null; r = packer.next()) {
      requests.add(r);
    }
    assertThat(packer.read()).isEqualTo(input.size());
    return requests;
  }

  /** Invalid by the API's rules, judged here independently of the packer's checks. */
  private static boolean isInvalid(BulkItem item) {
    String name =
        item instanceof BulkItem.ToChannel c ? c.channel() : ((BulkItem.ToUser) item).userId();
    return !name.matches("[A-Za-z0-9_\\-=@,.;]+");
  }
}
