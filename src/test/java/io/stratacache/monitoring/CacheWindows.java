package io.stratacache.monitoring;

/** Windows that tests of the monitoring features build by hand. */
public final class CacheWindows {

  private CacheWindows() {}

  /** A 300 s window of {@code requests} requests of which {@code hits} hit, and nothing else. */
  public static CacheWindow traffic(String cache, long requests, long hits) {
    return new CacheWindow(cache, 300, requests, hits, requests - hits, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  }
}
