package io.channels4j.interop.support;

/** Closing several peers at once, shared by the IT classes and the smoke test. */
public final class Resources {

  private Resources() {}

  /**
   * Closes each resource even if closing another fails; reports the first failure.
   *
   * @param resources the resources, in the order to close them; nulls are passed over
   * @throws IllegalStateException if any close failed, with the other failures suppressed
   */
  public static void closeAll(AutoCloseable... resources) {
    RuntimeException failure = null;
    for (AutoCloseable resource : resources) {
      if (resource == null) {
        continue;
      }
      try {
        resource.close();
      } catch (Exception e) {
        if (failure == null) {
          failure = new IllegalStateException("Could not stop every peer", e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
