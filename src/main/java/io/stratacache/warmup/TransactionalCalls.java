package io.stratacache.warmup;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.concurrent.Callable;

/**
 * Runs warm-up work in a JTA transaction of its own. Outside a request, the services'
 * transaction-scoped entity managers were seen closed under concurrent use on executor threads
 * ("Attempting to execute an operation on a closed EntityManager"); inside a transaction each call
 * gets its own, closed at commit. The work only reads.
 */
@ApplicationScoped
class TransactionalCalls {

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  <T> T call(Callable<T> work) throws Exception {
    return work.call();
  }
}
