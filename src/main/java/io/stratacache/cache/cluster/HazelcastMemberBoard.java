package io.stratacache.cache.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.stratacache.cache.MemberBoard;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The {@link MemberBoard} on an {@code IMap<String, byte[]>} named {@value #MAP}: one entry per
 * member, its note, with the note's time to live as the entry's Hazelcast TTL (so a member that
 * stopped publishing leaves the map by itself). Reading the board copies the map: one entry per
 * member, a few kilobytes each. Thread-safe.
 */
public final class HazelcastMemberBoard implements MemberBoard {
  /** The map's name (outside {@code stratacache.*}, so no cache's map config applies). */
  public static final String MAP = "stratacache-members";

  private final IMap<String, byte[]> notes;

  private HazelcastMemberBoard(IMap<String, byte[]> notes) {
    this.notes = notes;
  }

  /** The board of {@code hazelcast}'s cluster. */
  public static HazelcastMemberBoard create(HazelcastInstance hazelcast) {
    return new HazelcastMemberBoard(Objects.requireNonNull(hazelcast, "hazelcast").getMap(MAP));
  }

  @Override
  public void publish(String member, byte[] note, Duration ttl) {
    notes.set(member, note, Math.max(1, ttl.toMillis()), TimeUnit.MILLISECONDS);
  }

  @Override
  public Map<String, byte[]> notes() {
    return new HashMap<>(notes);
  }
}
