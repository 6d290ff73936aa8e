package io.stratacache.warmup.hotkey;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stratacache.cache.CacheSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** When a hot key would have to be loaded again: its longest-lived enabled tier decides. */
class HotKeyLifetimeTest {

  @Test
  void lifetime_longestEnabledTier() {
    CacheSettings all =
        CacheSettings.builder("c")
            .tiers(true, true, true)
            .nearTtl(Duration.ofMinutes(5))
            .gridTtl(Duration.ofMinutes(30))
            .storeTtl(Duration.ofHours(2))
            .build();
    assertEquals(Duration.ofHours(2), HotKeyTracking.lifetime(all));
    CacheSettings noStore = all.toBuilder().tiers(true, true, false).build();
    assertEquals(Duration.ofMinutes(30), HotKeyTracking.lifetime(noStore));
    CacheSettings nearOnly = all.toBuilder().tiers(true, false, false).build();
    assertEquals(Duration.ofMinutes(5), HotKeyTracking.lifetime(nearOnly));
  }
}
