package io.stratacache.warmup.hotkey;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/**
 * Saves the learned hot keys when the application stops. With {@link HotKeyTracking}'s
 * {@code @PreDestroy} alone, Payara Micro saved nothing when stopped by a SIGTERM (no rows written;
 * compare payara/Payara#4573); the end of the servlet context is honoured (rows written after the
 * stop, H2 and PostgreSQL). The log is closed by then, so the save's INFO line may not appear. Best
 * effort: {@link HotKeyTracking} saves once at shutdown, whichever hook comes first.
 */
@WebListener
public class HotKeyShutdownSave implements ServletContextListener {

  @Inject HotKeyTracking tracking;

  @Override
  public void contextDestroyed(ServletContextEvent event) {
    tracking.saveAtShutdown();
  }
}
