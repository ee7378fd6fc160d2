package io.channels4j.testkit.internal;

/** {@code POST /apps/ID/users/USER_ID/terminate_connections}. */
final class UserEndpoints {
  private final ServiceLimits limits;
  private final ServerState state;
  private final Recorder<String> terminatedUsers;

  UserEndpoints(ServiceLimits limits, ServerState state, Recorder<String> terminatedUsers) {
    this.limits = limits;
    this.state = state;
    this.terminatedUsers = terminatedUsers;
  }

  Reply terminateConnections(String userId) {
    limits.checkUserId(userId);
    terminatedUsers.add(userId);
    state.removeUserEverywhere(userId);
    return Reply.json(Json.MAPPER.createObjectNode());
  }
}
