package io.stratacache.cache;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** An invalidation bus that records what is published and lets a test deliver events. */
final class RecordingBus implements InvalidationBus {
  final List<InvalidationEvent> published = new CopyOnWriteArrayList<>();
  private final List<Consumer<InvalidationEvent>> listeners = new CopyOnWriteArrayList<>();

  @Override
  public void publish(InvalidationEvent event) {
    published.add(event);
  }

  @Override
  public AutoCloseable subscribe(Consumer<InvalidationEvent> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  void deliver(InvalidationEvent event) {
    listeners.forEach(listener -> listener.accept(event));
  }
}
