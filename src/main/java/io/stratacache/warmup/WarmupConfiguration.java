package io.stratacache.warmup;

import io.stratacache.warmup.hotkey.HotKeySettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Produces the {@link WarmupSettings} and {@link HotKeySettings} from MicroProfile Config
 * (environment variables win).
 */
@ApplicationScoped
class WarmupConfiguration {

  @Produces
  @Singleton
  WarmupSettings settings() {
    Config config = ConfigProvider.getConfig();
    return WarmupSettings.from(key -> config.getOptionalValue(key, String.class));
  }

  @Produces
  @Singleton
  HotKeySettings hotKeySettings() {
    Config config = ConfigProvider.getConfig();
    return HotKeySettings.from(key -> config.getOptionalValue(key, String.class));
  }
}
