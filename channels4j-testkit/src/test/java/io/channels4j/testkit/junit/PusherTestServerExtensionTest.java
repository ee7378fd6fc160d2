package io.channels4j.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.channels4j.Pusher;
import io.channels4j.testkit.PusherTestServer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The extension in each of its modes, observed by running fixture classes with the JUnit launcher:
 * which servers the tests saw, whether those were reset between tests, and closed afterwards.
 */
class PusherTestServerExtensionTest {
  /** The servers the fixtures' tests saw, in order. Cleared before each run. */
  static final List<PusherTestServer> SEEN = new CopyOnWriteArrayList<>();

  private static void runAndExpectSuccess(Class<?> fixture, int tests) {
    SEEN.clear();
    TestExecutionSummary summary = FixtureRunner.run(fixture);
    assertThat(summary.getTotalFailureCount()).as(FixtureRunner.failures(summary)).isZero();
    assertThat(summary.getTestsSucceededCount()).isEqualTo(tests);
  }

  private static void assertClosed(PusherTestServer server) {
    assertThatThrownBy(server::client)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the test server is closed");
  }

  @Test
  void perClassSharesOneServerAcrossTheClassResetsItBetweenTestsAndClosesItAfter() {
    runAndExpectSuccess(PerClass.class, 2);
    assertThat(SEEN).hasSize(3); // @BeforeAll, then two tests
    assertThat(SEEN.get(1)).isSameAs(SEEN.get(0));
    assertThat(SEEN.get(2)).isSameAs(SEEN.get(0));
    assertClosed(SEEN.get(0));
  }

  @Test
  void perTestStartsAFreshServerForEachTestAndClosesEach() {
    runAndExpectSuccess(PerTest.class, 2);
    assertThat(SEEN).hasSize(4); // @BeforeEach and the test, twice
    assertThat(SEEN.get(1)).isSameAs(SEEN.get(0));
    assertThat(SEEN.get(3)).isSameAs(SEEN.get(2));
    assertThat(SEEN.get(2)).isNotSameAs(SEEN.get(0));
    SEEN.forEach(PusherTestServerExtensionTest::assertClosed);
  }

  @Test
  void aStaticFieldRegistrationIsPerClassWithItsOwnSettings() {
    runAndExpectSuccess(StaticField.class, 2);
    assertThat(SEEN).hasSize(2);
    assertThat(SEEN.get(1)).isSameAs(SEEN.get(0));
    assertThat(SEEN.get(0).appId()).isEqualTo("777");
    assertClosed(SEEN.get(0));
  }

  @Test
  void anInstanceFieldRegistrationIsPerTest() {
    runAndExpectSuccess(InstanceField.class, 2);
    assertThat(SEEN).hasSize(2);
    assertThat(SEEN.get(1)).isNotSameAs(SEEN.get(0));
    SEEN.forEach(PusherTestServerExtensionTest::assertClosed);
  }

  @Test
  void aStaticFieldMadePerTestStartsAServerForEachTest() {
    runAndExpectSuccess(StaticFieldPerTest.class, 2);
    assertThat(SEEN.get(1)).isNotSameAs(SEEN.get(0));
    SEEN.forEach(PusherTestServerExtensionTest::assertClosed);
  }

  @Test
  void aNestedClassSharesItsEnclosingClassServer() {
    runAndExpectSuccess(WithNested.class, 2);
    assertThat(SEEN).hasSize(2);
    assertThat(SEEN.get(1)).isSameAs(SEEN.get(0));
    assertClosed(SEEN.get(0));
  }

  @Test
  void aConstructorCannotTakeAPerTestServerAndSaysWhere() {
    SEEN.clear();
    TestExecutionSummary summary = FixtureRunner.run(PerTestConstructor.class);
    assertThat(summary.getTestsFailedCount()).isEqualTo(1);
    assertThat(summary.getFailures().get(0).getException())
        .hasMessageContaining("no PusherTestServer runs for")
        .hasMessageContaining("not in constructors or @BeforeAll");
  }

  @Test
  void aFailingAssertionInAFixtureIsReportedAsAFailure() {
    // The runner used above must see failures, or the tests above prove nothing.
    TestExecutionSummary summary = FixtureRunner.run(Failing.class);
    assertThat(summary.getTestsFailedCount()).isEqualTo(1);
  }

  @Test
  void theAccessorsRefuseOutsideATest() {
    assertThatThrownBy(() -> new PusherTestServerExtension().server())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("no PusherTestServer is running: ask within a test");
  }

  // ------------------------------------------------------------------------------------ fixtures

  @WithPusherTestServer
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class PerClass {
    @BeforeAll
    static void seeAll(PusherTestServer server) {
      SEEN.add(server);
    }

    @Test
    @Order(1)
    void firstTriggers(PusherTestServer server, Pusher pusher) {
      SEEN.add(server);
      server.occupy("seeded", 1);
      pusher.trigger("orders", "created", "{\"id\":1}");
      assertThat(server.takeTrigger().channel()).isEqualTo("orders");
    }

    @Test
    @Order(2)
    void secondFindsTheServerReset(PusherTestServer server) {
      SEEN.add(server);
      assertThat(server.triggers()).isEmpty();
      assertThat(server.requests()).isEmpty();
      assertThat(server.client().channels().channels()).isEmpty();
    }
  }

  @WithPusherTestServer(ServerLifecycle.PER_TEST)
  static class PerTest {
    @BeforeEach
    void seeEach(PusherTestServer server) {
      SEEN.add(server);
    }

    @Test
    void one(PusherTestServer server, Pusher pusher) {
      SEEN.add(server);
      pusher.trigger("c", "e", "x");
      assertThat(server.triggers()).hasSize(1);
    }

    @Test
    void two(PusherTestServer server, Pusher pusher) {
      SEEN.add(server);
      pusher.trigger("c", "e", "x");
      assertThat(server.triggers()).hasSize(1);
    }
  }

  static class StaticField {
    @RegisterExtension
    static PusherTestServerExtension pusher =
        PusherTestServerExtension.withServer(b -> b.appId("777"));

    @Test
    void one(Pusher client) {
      SEEN.add(pusher.server());
      client.trigger("c", "e", "x");
      assertThat(pusher.server().takeTrigger().name()).isEqualTo("e");
    }

    @Test
    void two(PusherTestServer server) {
      SEEN.add(server);
      assertThat(server).isSameAs(pusher.server());
    }
  }

  static class InstanceField {
    @RegisterExtension PusherTestServerExtension pusher = new PusherTestServerExtension();

    @Test
    void one() {
      SEEN.add(pusher.server());
      pusher.client().trigger("c", "e", "x");
      assertThat(pusher.server().triggers()).hasSize(1);
    }

    @Test
    void two(PusherTestServer server) {
      SEEN.add(server);
      assertThat(server).isSameAs(pusher.server());
    }
  }

  static class StaticFieldPerTest {
    @RegisterExtension
    static PusherTestServerExtension pusher =
        PusherTestServerExtension.withServer(b -> {}).perTest();

    @Test
    void one(PusherTestServer server) {
      SEEN.add(server);
    }

    @Test
    void two(PusherTestServer server) {
      SEEN.add(server);
    }
  }

  @WithPusherTestServer
  static class WithNested {
    @Test
    void outer(PusherTestServer server) {
      SEEN.add(server);
    }

    @Nested
    class Inner {
      @Test
      void inner(PusherTestServer server) {
        SEEN.add(server);
      }
    }
  }

  @WithPusherTestServer(ServerLifecycle.PER_TEST)
  static class PerTestConstructor {
    PerTestConstructor(PusherTestServer server) {
      SEEN.add(server);
    }

    @Test
    void neverRuns() {}
  }

  @WithPusherTestServer
  static class Failing {
    @Test
    void fails(PusherTestServer server) {
      assertThat(server.triggers()).hasSize(1);
    }
  }
}
