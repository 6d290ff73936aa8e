package io.stratacache.cache.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.topic.ITopic;
import com.hazelcast.topic.Message;
import com.hazelcast.topic.ReliableMessageListener;
import io.stratacache.cache.InvalidationBus;
import io.stratacache.cache.InvalidationEvent;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The invalidation bus on a Hazelcast <em>reliable topic</em> named {@value #TOPIC}, shared by all
 * caches.
 *
 * <p><b>Why a reliable topic and not a plain {@code ITopic}</b>: a plain topic hands messages to
 * the event service, which drops them silently when its queue is full or a member is briefly
 * disconnected; the reliable topic keeps messages in a replicated ringbuffer (default 10,000
 * messages, one backup) that each listener reads in order with its own sequence, so a slow or
 * reconnecting listener catches up, and a listener that fell further behind than the ringbuffer is
 * <em>told</em> ({@link ReliableMessageListener#isLossTolerant()}): the bus then delivers {@link
 * InvalidationEvent#lost} and every cache flushes its near tier. Publication order is kept (one
 * ringbuffer, one partition), which the receivers' per-origin sequence check relies on. The cost is
 * one asynchronous ringbuffer append per event (not waited for) and a long-poll read per listener.
 *
 * <p>Messages are plain strings (JDK types only: members need no application class). A member that
 * rejoins after a split ({@code MERGED}) also delivers a loss notice, and so does every member when
 * another one leaves the cluster: a writer acknowledges its write once its own tiers are changed
 * and its event is handed to the topic, so when it dies right after (kill -9, a crash), its last
 * events may never be appended, or sit in a ringbuffer partition that the survivors read again only
 * after its migration and their listeners' retries (about 2 s after a kill on 2 cores, against a 1
 * s staleness bound). Flushing the near tiers when the departure is seen (a few hundred
 * milliseconds after a kill) bounds how long a survivor serves a copy such a write made old; it
 * also runs on a graceful leave, where nothing was lost, at the cost of near misses served from the
 * grid.
 *
 * <p>Thread-safe. {@link #publish} never blocks on the network and never throws; a failed append is
 * logged (receivers notice the missing sequence number at the next event of this origin).
 */
public final class HazelcastInvalidationBus implements InvalidationBus {
  private static final Logger LOG = Logger.getLogger(HazelcastInvalidationBus.class.getName());

  /** The reliable topic's name; its ringbuffer is {@code _hz_rb_stratacache.invalidations}. */
  public static final String TOPIC = "stratacache.invalidations";

  private static final char SEP = '\u001f';
  private static final String FORMAT = "1";

  private final HazelcastInstance hazelcast;
  private final ITopic<String> topic;

  private HazelcastInvalidationBus(HazelcastInstance hazelcast, ITopic<String> topic) {
    this.hazelcast = hazelcast;
    this.topic = topic;
  }

  /** The bus on {@code hazelcast}'s reliable topic {@value #TOPIC}. */
  public static HazelcastInvalidationBus create(HazelcastInstance hazelcast) {
    Objects.requireNonNull(hazelcast, "hazelcast");
    return new HazelcastInvalidationBus(hazelcast, hazelcast.getReliableTopic(TOPIC));
  }

  @Override
  public void publish(InvalidationEvent event) {
    try {
      topic
          .publishAsync(encode(event))
          .whenComplete(
              (ok, failure) -> {
                if (failure != null) {
                  LOG.log(
                      Level.WARNING,
                      "cache {0}: invalidation {1} not published: {2}",
                      new Object[] {event.cacheName(), event.sequence(), failure.toString()});
                }
              });
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "cache {0}: invalidation {1} not published: {2}",
          new Object[] {event.cacheName(), event.sequence(), e.toString()});
    }
  }

  @Override
  public AutoCloseable subscribe(Consumer<InvalidationEvent> listener) {
    Objects.requireNonNull(listener, "listener");
    String self = "hazelcast:" + hazelcast.getName();
    UUID messages = topic.addMessageListener(new Listener(listener, self));
    UUID lifecycle =
        hazelcast
            .getLifecycleService()
            .addLifecycleListener(
                event -> {
                  if (event.getState() == LifecycleEvent.LifecycleState.MERGED) {
                    listener.accept(InvalidationEvent.lost(self + " (merged after a split)"));
                  }
                });
    UUID departures =
        hazelcast
            .getCluster()
            .addMembershipListener(
                new com.hazelcast.cluster.MembershipListener() {
                  @Override
                  public void memberAdded(com.hazelcast.cluster.MembershipEvent event) {}

                  @Override
                  public void memberRemoved(com.hazelcast.cluster.MembershipEvent event) {
                    listener.accept(
                        InvalidationEvent.lost(
                            self + " (member " + event.getMember().getUuid() + " left)"));
                  }
                });
    return () -> {
      topic.removeMessageListener(messages);
      hazelcast.getLifecycleService().removeLifecycleListener(lifecycle);
      hazelcast.getCluster().removeMembershipListener(departures);
    };
  }

  static String encode(InvalidationEvent e) {
    return FORMAT
        + SEP
        + e.cacheName()
        + SEP
        + e.kind().name()
        + SEP
        + e.sequence()
        + SEP
        + e.publishedAt()
        + SEP
        + e.origin()
        + SEP
        + e.subject();
  }

  static InvalidationEvent decode(String text) {
    String[] f = text.split(String.valueOf(SEP), 7);
    if (f.length != 7 || !FORMAT.equals(f[0])) {
      throw new IllegalArgumentException("not an invalidation message");
    }
    return new InvalidationEvent(
        f[1],
        InvalidationEvent.Kind.valueOf(f[2]),
        f[6],
        Long.parseLong(f[3]),
        f[5],
        Long.parseLong(f[4]));
  }

  /** Reads from the tail (new messages only) and reports losses instead of stopping. */
  private final class Listener implements ReliableMessageListener<String> {
    private final Consumer<InvalidationEvent> listener;
    private final String self;

    Listener(Consumer<InvalidationEvent> listener, String self) {
      this.listener = listener;
      this.self = self;
    }

    @Override
    public void onMessage(Message<String> message) {
      InvalidationEvent event;
      try {
        event = decode(message.getMessageObject());
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "invalidation message ignored: {0}", e.toString());
        return;
      }
      try {
        listener.accept(event);
      } catch (RuntimeException e) {
        LOG.log(
            Level.WARNING,
            "cache {0}: applying invalidation {1} failed: {2}",
            new Object[] {event.cacheName(), event.sequence(), e.toString()});
      }
    }

    @Override
    public long retrieveInitialSequence() {
      return -1;
    }

    @Override
    public void storeSequence(long sequence) {}

    /** Called when messages were overwritten before this listener read them. */
    @Override
    public boolean isLossTolerant() {
      listener.accept(InvalidationEvent.lost(self + " (listener fell behind the ringbuffer)"));
      return true;
    }

    @Override
    public boolean isTerminal(Throwable failure) {
      boolean running = hazelcast.getLifecycleService().isRunning();
      if (running) {
        LOG.log(Level.FINE, "invalidation listener: {0}", failure.toString());
      }
      return !running;
    }
  }
}
