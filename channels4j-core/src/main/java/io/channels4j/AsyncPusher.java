package io.channels4j;

import io.channels4j.internal.ApiCall;
import io.channels4j.internal.Caller;
import io.channels4j.internal.calls.CustomCalls;
import io.channels4j.internal.calls.EventCalls;
import io.channels4j.internal.calls.NotifyCalls;
import io.channels4j.internal.calls.QueryCalls;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The asynchronous face of a {@link Pusher}: the same calls, run on the client's executor, with the
 * same checks, retries and exceptions. Input is checked at once, so bad input throws {@link
 * ValidationException} from the call itself rather than failing the future. Cancelling a future
 * interrupts its request.
 */
public final class AsyncPusher {
  private final Caller caller;
  private final EventCalls events;
  private final QueryCalls queries;
  private final NotifyCalls notifications;
  private final CustomCalls custom;

  AsyncPusher(
      Caller caller,
      EventCalls events,
      QueryCalls queries,
      NotifyCalls notifications,
      CustomCalls custom) {
    this.caller = caller;
    this.events = events;
    this.queries = queries;
    this.notifications = notifications;
    this.custom = custom;
  }

  /**
   * Async {@link Pusher#trigger(String, String, Object)}.
   *
   * @param channel the channel
   * @param event the event name
   * @param data the payload
   * @return a future of the server's answer
   */
  public CompletableFuture<TriggerResult> trigger(String channel, String event, Object data) {
    return run(events.trigger(channel, event, data));
  }

  /**
   * Async {@link Pusher#trigger(Collection, String, Object)}.
   *
   * @param channels the channels
   * @param event the event name
   * @param data the payload
   * @return a future of the server's answer
   */
  public CompletableFuture<TriggerResult> trigger(
      Collection<String> channels, String event, Object data) {
    return run(events.trigger(channels, event, data, TriggerOptions.none()));
  }

  /**
   * Async {@link Pusher#trigger(Collection, String, Object, TriggerOptions)}.
   *
   * @param channels the channels
   * @param event the event name
   * @param data the payload
   * @param options the options
   * @return a future of the server's answer
   */
  public CompletableFuture<TriggerResult> trigger(
      Collection<String> channels, String event, Object data, TriggerOptions options) {
    return run(events.trigger(channels, event, data, options));
  }

  /**
   * Async {@link Pusher#triggerBatch}.
   *
   * @param events the events
   * @return a future of the server's answer
   */
  public CompletableFuture<BatchResult> triggerBatch(List<Event> events) {
    return run(this.events.batch(events));
  }

  /**
   * Async {@link Pusher#sendToUser}.
   *
   * @param userId the user id
   * @param event the event name
   * @param data the payload
   * @return a future that completes when the server accepted the event
   */
  public CompletableFuture<Void> sendToUser(String userId, String event, Object data) {
    return run(events.sendToUser(userId, event, data));
  }

  /**
   * Async {@link Pusher#sendToUsers}.
   *
   * @param userIds 1 to 100 user ids
   * @param event the event name
   * @param data the payload
   * @return a future that completes when the server accepted the event
   */
  public CompletableFuture<Void> sendToUsers(
      Collection<String> userIds, String event, Object data) {
    return run(events.sendToUsers(userIds, event, data));
  }

  /**
   * Async {@link Pusher#terminateUserConnections}.
   *
   * @param userId the user id
   * @return a future that completes when the server accepted the request
   */
  public CompletableFuture<Void> terminateUserConnections(String userId) {
    return run(events.terminateUserConnections(userId));
  }

  /**
   * Async {@link Pusher#channels(ChannelsQuery)}.
   *
   * @param query which channels
   * @return the future channels
   */
  public CompletableFuture<ChannelsResult> channels(ChannelsQuery query) {
    return run(queries.channels(query));
  }

  /**
   * Async {@link Pusher#channels()}.
   *
   * @return the future channels
   */
  public CompletableFuture<ChannelsResult> channels() {
    return run(queries.channels(ChannelsQuery.all()));
  }

  /**
   * Async {@link Pusher#channel}.
   *
   * @param channel the channel
   * @param info attributes to ask for
   * @return the future state
   */
  public CompletableFuture<ChannelInfo> channel(String channel, ChannelAttribute... info) {
    return run(queries.channel(channel, info));
  }

  /**
   * Async {@link Pusher#users}.
   *
   * @param presenceChannel the presence channel
   * @return the future users
   */
  public CompletableFuture<List<PresenceUser>> users(String presenceChannel) {
    return run(queries.users(presenceChannel));
  }

  /**
   * Async {@link Pusher#notify(List, PushNotification)}.
   *
   * @param interests the interests
   * @param notification the notification
   * @return a future of the server's answer
   */
  public CompletableFuture<NotifyResult> notify(
      List<String> interests, PushNotification notification) {
    return run(notifications.notify(interests, notification));
  }

  /**
   * Async {@link Pusher#get(String)}.
   *
   * @param path the path below {@code /apps/APP_ID}
   * @return a future of the status and the JSON text
   */
  public CompletableFuture<RawResponse> get(String path) {
    return get(path, Map.of());
  }

  /**
   * Async {@link Pusher#get(String, Map)}: the path and parameters are checked at once.
   *
   * @param path the path below {@code /apps/APP_ID}
   * @param params query parameters, raw values
   * @return a future of the status and the JSON text
   */
  public CompletableFuture<RawResponse> get(String path, Map<String, String> params) {
    return run(custom.get(path, params));
  }

  /**
   * Async {@link Pusher#post(String, Object)}: the path and body are checked at once.
   *
   * @param path the path below {@code /apps/APP_ID}
   * @param body the JSON body
   * @return a future of the status and the JSON text
   */
  public CompletableFuture<RawResponse> post(String path, Object body) {
    return run(custom.post(path, body));
  }

  private <T> CompletableFuture<T> run(ApiCall<T> call) {
    return caller.executeAsync(call);
  }
}
