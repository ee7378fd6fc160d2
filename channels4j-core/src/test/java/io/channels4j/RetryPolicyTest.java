package io.channels4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private static final RetryPolicy.Condition SAFE = RetryPolicy.Condition.safe();

  @Test
  void defaultsToThreeAttemptsWithBackoffFrom100MsUpTo2Seconds() {
    RetryPolicy p = RetryPolicy.defaults();

    assertThat(p.maxAttempts()).isEqualTo(3);
    assertThat(p.initialBackoff()).isEqualTo(Duration.ofMillis(100));
    assertThat(p.maxBackoff()).isEqualTo(Duration.ofSeconds(2));
    assertThat(p.condition()).isSameAs(SAFE);
    assertThat(p).isEqualTo(new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(2)));
  }

  @Test
  void noneMakesOneAttempt() {
    assertThat(RetryPolicy.none().maxAttempts()).isEqualTo(1);
  }

  @Test
  void backoffDoublesUpToTheCap() {
    RetryPolicy p = RetryPolicy.defaults();

    assertThat(p.backoff(1)).isEqualTo(Duration.ofMillis(100));
    assertThat(p.backoff(2)).isEqualTo(Duration.ofMillis(200));
    assertThat(p.backoff(4)).isEqualTo(Duration.ofMillis(800));
    assertThat(p.backoff(5)).isEqualTo(Duration.ofMillis(1600));
    assertThat(p.backoff(6)).isEqualTo(Duration.ofSeconds(2));
    assertThat(p.backoff(60)).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void withConditionKeepsTheOtherSettings() {
    RetryPolicy.Condition never = (method, failure) -> false;

    RetryPolicy p = RetryPolicy.defaults().withCondition(never);

    assertThat(p.condition()).isSameAs(never);
    assertThat(p.maxAttempts()).isEqualTo(3);
    assertThat(p.maxBackoff()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void rejectsAttemptsOutsideOneToTen() {
    assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO))
        .isInstanceOf(ValidationException.class)
        .hasMessage("maxAttempts must be 1 to 10, but is 0");
    assertThatThrownBy(() -> new RetryPolicy(11, Duration.ZERO, Duration.ZERO))
        .hasMessage("maxAttempts must be 1 to 10, but is 11");
  }

  @Test
  void rejectsBackoffsOutOfOrderOrTooLong() {
    assertThatThrownBy(() -> new RetryPolicy(2, Duration.ofMillis(-1), Duration.ZERO))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("0 <= initialBackoff <= maxBackoff");
    assertThatThrownBy(() -> new RetryPolicy(2, Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .hasMessageContaining("0 <= initialBackoff <= maxBackoff");
    assertThatThrownBy(() -> new RetryPolicy(2, Duration.ZERO, Duration.ofMinutes(11)))
        .hasMessage("maxBackoff must be at most 10 minutes, but is PT11M");
  }

  @Test
  void rejectsANullCondition() {
    assertThatThrownBy(() -> RetryPolicy.defaults().withCondition(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("condition");
  }

  // ------------------------------------------------------------------- the safe condition

  private static TransportException notSent() {
    return new TransportException("refused", null, false, 1);
  }

  private static TransportException sent() {
    return new TransportException("reset", null, true, 1);
  }

  private static ApiException answered(int status) {
    return new ApiException("HTTP " + status, status, "", null, 1);
  }

  @Test
  void safeRetriesWhatNeverLeftForEveryMethod() {
    assertThat(SAFE.shouldRetry("POST", notSent())).isTrue();
    assertThat(SAFE.shouldRetry("GET", notSent())).isTrue();
    assertThat(SAFE.shouldRetry("POST", new RequestTimeoutException("connect", null, false, 1)))
        .isTrue();
  }

  @Test
  void safeRetriesOverloadAnswersForEveryMethod() {
    for (int status : new int[] {429, 503}) {
      assertThat(SAFE.shouldRetry("POST", answered(status))).as("POST %d", status).isTrue();
      assertThat(SAFE.shouldRetry("GET", answered(status))).as("GET %d", status).isTrue();
    }
  }

  @Test
  void safeNeverRetriesAPostThatMayHaveBeenActedOn() {
    assertThat(SAFE.shouldRetry("POST", sent())).isFalse();
    assertThat(SAFE.shouldRetry("POST", new RequestTimeoutException("read", null, true, 1)))
        .isFalse();
    for (int status : new int[] {500, 502, 504}) {
      assertThat(SAFE.shouldRetry("POST", answered(status))).as("POST %d", status).isFalse();
    }
  }

  @Test
  void safeRetriesAGetAfterAReadTimeoutABrokenConnectionOrA500502Or504() {
    assertThat(SAFE.shouldRetry("GET", sent())).isTrue();
    assertThat(SAFE.shouldRetry("GET", new RequestTimeoutException("read", null, true, 1)))
        .isTrue();
    for (int status : new int[] {500, 502, 504}) {
      assertThat(SAFE.shouldRetry("GET", answered(status))).as("GET %d", status).isTrue();
    }
  }

  @Test
  void safeNeverRetriesClientErrors() {
    for (int status : new int[] {400, 401, 403, 404, 413}) {
      assertThat(SAFE.shouldRetry("GET", answered(status))).as("GET %d", status).isFalse();
      assertThat(SAFE.shouldRetry("POST", answered(status))).as("POST %d", status).isFalse();
    }
    assertThat(SAFE.shouldRetry("GET", new PusherException("other"))).isFalse();
  }

  // ------------------------------------------------------------- the at-least-once condition

  private static final RetryPolicy.Condition AT_LEAST_ONCE = RetryPolicy.Condition.atLeastOnce();

  @Test
  void atLeastOnceRetriesAPostLikeAGet() {
    for (String method : new String[] {"POST", "GET"}) {
      assertThat(AT_LEAST_ONCE.shouldRetry(method, notSent())).as(method).isTrue();
      assertThat(AT_LEAST_ONCE.shouldRetry(method, sent())).as(method).isTrue();
      assertThat(
              AT_LEAST_ONCE.shouldRetry(method, new RequestTimeoutException("read", null, true, 1)))
          .as(method)
          .isTrue();
      for (int status : new int[] {429, 500, 502, 503, 504}) {
        assertThat(AT_LEAST_ONCE.shouldRetry(method, answered(status)))
            .as("%s %d", method, status)
            .isTrue();
      }
    }
  }

  @Test
  void atLeastOnceNeverRetriesClientErrors() {
    for (int status : new int[] {400, 401, 403, 404, 413}) {
      assertThat(AT_LEAST_ONCE.shouldRetry("POST", answered(status))).as("%d", status).isFalse();
    }
    assertThat(AT_LEAST_ONCE.shouldRetry("POST", new PusherException("other"))).isFalse();
  }

  @Test
  void atLeastOncePolicyKeepsTheDefaultAttemptsAndBackoff() {
    assertThat(RetryPolicy.atLeastOnce())
        .isEqualTo(RetryPolicy.defaults().withCondition(AT_LEAST_ONCE));
  }
}
