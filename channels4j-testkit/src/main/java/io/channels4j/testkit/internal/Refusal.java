package io.channels4j.testkit.internal;

/** A refusal with the status and message the service would send; thrown by the endpoints. */
final class Refusal extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  Refusal(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  /** A 400 for a body the service cannot read, in the service's words. */
  static Refusal incorrect(String detail) {
    return new Refusal(400, "The received data is incorrect: " + detail);
  }

  int status() {
    return status;
  }
}
