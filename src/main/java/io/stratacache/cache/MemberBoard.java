package io.stratacache.cache;

import java.time.Duration;
import java.util.Map;

/**
 * A cluster-wide notice board with one short-lived note per member, through which members show each
 * other their statistics ({@link TieredCaches#memberStats()}). A member's note disappears when its
 * time to live passes without a new one, so a stopped or killed member leaves the board by itself.
 * Notes are opaque bytes (JDK types only reach the grid). Implementations are thread-safe and may
 * fail: the registry then answers with this member's figures alone.
 */
public interface MemberBoard {

  /** Replaces {@code member}'s note, to live {@code ttl}. */
  void publish(String member, byte[] note, Duration ttl);

  /** Every member's current note, by member id (this member's included if it published). */
  Map<String, byte[]> notes();

  /** A board nobody else reads: the registry's default, a single instance. */
  static MemberBoard none() {
    return NoBoard.INSTANCE;
  }

  /** The no-op twin. */
  enum NoBoard implements MemberBoard {
    INSTANCE;

    @Override
    public void publish(String member, byte[] note, Duration ttl) {}

    @Override
    public Map<String, byte[]> notes() {
      return Map.of();
    }
  }
}
