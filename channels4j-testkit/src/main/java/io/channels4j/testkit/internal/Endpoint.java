package io.channels4j.testkit.internal;

import java.util.Map;

/** One API endpoint: answers a request whose route, method and signature were accepted. */
@FunctionalInterface
interface Endpoint {
  /**
   * Answers the request, or throws a {@link Refusal}.
   *
   * @param query the decoded query
   * @param body the body
   * @return the answer
   */
  Reply answer(Map<String, String> query, byte[] body);
}
