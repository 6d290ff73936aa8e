package io.stratacache.warmup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stratacache.warmup.hotkey.HotKeySettings;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PredictiveTaskTest {

  @Test
  void horizon_intervalPlusLead() {
    WarmupSettings w =
        WarmupSettings.from(
            k -> Optional.ofNullable(Map.of("WARMUP_INTERVAL_MINUTES", "30").get(k)));
    HotKeySettings hot = HotKeySettings.from(k -> Optional.empty());
    assertEquals(Duration.ofMinutes(40), PredictiveTask.horizon(w, hot));
  }
}
