package io.stratacache.platform;

/** Small helpers for exceptions, shared by the features (the cache core keeps its own). */
public final class Throwables {
  private Throwables() {}

  /** The innermost cause of {@code failure} (itself if it has none), safe against cause cycles. */
  public static Throwable rootCause(Throwable failure) {
    Throwable root = failure;
    for (int depth = 0;
        root.getCause() != null && root.getCause() != root && depth < 100;
        depth++) {
      root = root.getCause();
    }
    return root;
  }
}
