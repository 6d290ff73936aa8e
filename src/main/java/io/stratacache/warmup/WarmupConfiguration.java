package io.stratacache.warmup;

import io.stratacache.platform.InvalidSettingException;
import io.stratacache.warmup.hotkey.HotKeySettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Produces the {@link WarmupSettings} and {@link HotKeySettings} from MicroProfile Config
 * (environment variables win). A malformed setting stops deployment, as the README promises: the
 * reason is logged as one SEVERE line naming the setting and its value, and the exception that
 * stops deployment carries that line and no stack trace or cause.
 */
@ApplicationScoped
class WarmupConfiguration {

  private static final Logger LOG = Logger.getLogger(WarmupConfiguration.class.getName());

  /** Logs {@code e} as the one line that explains the refused deployment; returns it to throw. */
  static InvalidSettingException refused(InvalidSettingException e) {
    LOG.severe("Warm-up configuration refused, deployment stops: " + e.getMessage());
    return e;
  }

  @Produces
  @Singleton
  WarmupSettings settings() {
    Config config = ConfigProvider.getConfig();
    try {
      return WarmupSettings.from(key -> config.getOptionalValue(key, String.class));
    } catch (InvalidSettingException e) {
      throw refused(e);
    }
  }

  @Produces
  @Singleton
  HotKeySettings hotKeySettings() {
    Config config = ConfigProvider.getConfig();
    try {
      return HotKeySettings.from(key -> config.getOptionalValue(key, String.class));
    } catch (InvalidSettingException e) {
      throw refused(e);
    }
  }
}
