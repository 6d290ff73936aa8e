package io.stratacache.warmup;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/**
 * Saves the learned hot keys when the application stops. Payara Micro was seen not to call
 * {@code @PreDestroy} of application-scoped beans and singletons on a signal (payara/Payara#4573,
 * and {@link HotKeyTracking}'s own {@code @PreDestroy} logged nothing when stopped so); the servlet
 * context's end is the hook it is reported to honour. Best effort: {@link HotKeyTracking} saves
 * once at shutdown, whichever hook comes first.
 */
@WebListener
public class HotKeyShutdownSave implements ServletContextListener {

  @Inject HotKeyTracking tracking;

  @Override
  public void contextDestroyed(ServletContextEvent event) {
    tracking.saveAtShutdown();
  }
}
