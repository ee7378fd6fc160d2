package io.channels4j.bulk;

import java.util.AbstractList;
import java.util.Iterator;
import java.util.List;
import java.util.RandomAccess;

/**
 * One event to many channels, as {@link BulkItem#toChannels} reads it: an iterator of items that
 * also gives the packer the bare channel names, so that a fan-out packs without an item object per
 * channel (items are made only when one is reported).
 */
final class ChannelFanOut implements Iterator<BulkItem> {
  private final Iterator<String> channels;
  final String name;
  final Object data;

  ChannelFanOut(Iterable<String> channels, String name, Object data) {
    this.channels = channels.iterator();
    this.name = name;
    this.data = data;
  }

  @Override
  public boolean hasNext() {
    return channels.hasNext();
  }

  @Override
  public BulkItem next() {
    return item(channels.next());
  }

  /** The next channel name, as {@link #next()} would carry it. */
  String nextChannel() {
    return channels.next();
  }

  BulkItem.ToChannel item(String channel) {
    return BulkItem.toChannel(channel, name, data);
  }

  /** The items of a trigger to {@code targets}, made when asked, equal to what the input gave. */
  List<BulkItem> items(List<String> targets) {
    return new Items(targets);
  }

  private final class Items extends AbstractList<BulkItem> implements RandomAccess {
    private final List<String> targets;

    Items(List<String> targets) {
      this.targets = targets;
    }

    @Override
    public BulkItem get(int index) {
      return item(targets.get(index));
    }

    @Override
    public int size() {
      return targets.size();
    }
  }
}
