package io.channels4j.micrometer;

import io.channels4j.CallKind;
import io.channels4j.PusherException;
import io.micrometer.observation.Observation;
import java.util.Objects;
import java.util.Optional;

/**
 * What an observation handler or convention knows about one HTTP attempt of a channels4j call. The
 * outcome fields are set when the attempt ends.
 */
public final class PusherRequestContext extends Observation.Context {
  private final CallKind kind;
  private final String method;
  private final int attempt;
  private Integer status;
  private PusherException failure;
  private boolean willRetry;
  private boolean ended;

  PusherRequestContext(CallKind kind, String method, int attempt) {
    this.kind = Objects.requireNonNull(kind, "kind");
    this.method = Objects.requireNonNull(method, "method");
    this.attempt = attempt;
  }

  /**
   * Returns what the call does.
   *
   * @return the call kind
   */
  public CallKind kind() {
    return kind;
  }

  /**
   * Returns the HTTP method.
   *
   * @return {@code GET} or {@code POST}
   */
  public String method() {
    return method;
  }

  /**
   * Returns the attempt number of the call, from 1.
   *
   * @return the attempt number
   */
  public int attempt() {
    return attempt;
  }

  /**
   * Returns the HTTP status, once the attempt ended with an answer.
   *
   * @return the status
   */
  public Optional<Integer> status() {
    return Optional.ofNullable(status);
  }

  /**
   * Returns the failure, once the attempt ended with one.
   *
   * @return the failure
   */
  public Optional<PusherException> failure() {
    return Optional.ofNullable(failure);
  }

  /**
   * Returns whether another attempt follows this one.
   *
   * @return true when the call is retried
   */
  public boolean willRetry() {
    return willRetry;
  }

  /**
   * Returns whether the attempt has ended (the outcome fields are set).
   *
   * @return true once ended
   */
  public boolean ended() {
    return ended;
  }

  void end(Integer status, PusherException failure, boolean willRetry) {
    this.status = status;
    this.failure = failure;
    this.willRetry = willRetry;
    this.ended = true;
    if (failure != null) {
      setError(failure);
    }
  }
}
