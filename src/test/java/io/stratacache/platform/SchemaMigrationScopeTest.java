package io.stratacache.platform;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.reflect.Field;
import java.util.concurrent.atomic.AtomicReference;
import liquibase.Scope;
import org.junit.jupiter.api.Test;

/**
 * Liquibase leaves its scope manager in a static {@code InheritableThreadLocal} of the migrating
 * thread (liquibase/liquibase#6891): the migration takes it off, so neither that server thread nor
 * the threads it starts later hold the application's class loader after an undeployment.
 */
class SchemaMigrationScopeTest {

  private static ThreadLocal<?> scopeManager() throws ReflectiveOperationException {
    Field field = Scope.class.getDeclaredField("scopeManager");
    field.setAccessible(true);
    return (ThreadLocal<?>) field.get(null);
  }

  @Test
  void releaseScopeManager_thisThreadAndLaterThreadsHoldNone() throws Exception {
    assertNotNull(Scope.getCurrentScope()); // as a migration does: the manager is on this thread
    ThreadLocal<?> manager = scopeManager();
    assertNotNull(manager.get());

    SchemaMigration.releaseScopeManager();

    assertNull(manager.get());
    AtomicReference<Object> inherited = new AtomicReference<>("unset");
    Thread later = new Thread(() -> inherited.set(manager.get()));
    later.start();
    later.join();
    assertNull(inherited.get(), "a thread started afterwards inherits nothing");
    assertNotNull(Scope.getCurrentScope(), "Liquibase builds a new one when used again");
    SchemaMigration.releaseScopeManager();
  }
}
