package io.stratacache.cache;

import java.util.function.Consumer;

/**
 * The SPI through which caches tell other instances to drop their near copies (the cluster issue
 * implements it over Hazelcast). Each cache publishes an event after every write or invalidation
 * has reached the shared tiers; on an event from another instance, it drops the matching near
 * entries and refuses to publish loads that overlapped it.
 *
 * <p>Implementations must be thread-safe; {@link #publish} should not block for long (queue and
 * send), and must not throw: a lost event is the implementation's to detect (sequence gaps).
 */
public interface InvalidationBus {

  /** Sends {@code event} to the other instances. */
  void publish(InvalidationEvent event);

  /**
   * Registers a listener for events of every cache, from every instance (including this one: the
   * listener filters by origin).
   *
   * @return a handle that unregisters the listener
   */
  AutoCloseable subscribe(Consumer<InvalidationEvent> listener);

  /** A bus for a single instance: publishes nowhere, delivers nothing. */
  static InvalidationBus none() {
    return NoBus.INSTANCE;
  }

  /** The single-instance bus. */
  enum NoBus implements InvalidationBus {
    INSTANCE;

    @Override
    public void publish(InvalidationEvent event) {}

    @Override
    public AutoCloseable subscribe(Consumer<InvalidationEvent> listener) {
      return () -> {};
    }
  }
}
