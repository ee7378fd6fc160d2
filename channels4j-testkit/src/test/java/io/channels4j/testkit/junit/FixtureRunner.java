package io.channels4j.testkit.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.stream.Collectors;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs a fixture test class with the JUnit Platform launcher, as a build tool would, and reports
 * what happened. Fixtures are static nested classes, which surefire does not run by itself.
 */
final class FixtureRunner {
  private FixtureRunner() {}

  /** Runs the tests of a class and its {@code @Nested} classes. */
  static TestExecutionSummary run(Class<?> testClass) {
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    LauncherFactory.create()
        .execute(
            LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass)).build(),
            listener);
    return listener.getSummary();
  }

  /** The failures of a run, one line each, to show when a run was expected to pass. */
  static String failures(TestExecutionSummary summary) {
    return summary.getFailures().stream()
        .map(f -> f.getTestIdentifier().getDisplayName() + ": " + f.getException())
        .collect(Collectors.joining("\n"));
  }
}
