package io.stratacache.platform;

import static io.stratacache.platform.JdbcValues.duplicate;
import static io.stratacache.platform.JdbcValues.instant;
import static io.stratacache.platform.JdbcValues.shorten;
import static io.stratacache.platform.JdbcValues.timestamp;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link ClusterClaims} over plain JDBC on the table {@code cluster_claim} (Liquibase change {@code
 * 400-cluster-claim}), the same SQL on H2 and PostgreSQL. A tick claim is the row {@code
 * <job>:<tick as ISO-8601>} of kind {@code TICK}, inserted once (the primary key refuses a second
 * insert, recognised by {@link JdbcValues#duplicate}); a lease is the row named after it, of kind
 * {@code LEASE}, created by its first acquire and from then on taken over only by an {@code UPDATE
 * ... WHERE expires_at <= now}. Released leases keep their row (expired) so the last holder stays
 * visible in the table. Timestamps are stored as UTC; every call takes its own connection in
 * auto-commit mode. Thread-safe.
 */
public final class JdbcClusterClaims implements ClusterClaims {

  static final String TICK = "TICK";
  static final String LEASE = "LEASE";

  /** Attempts of one acquire that keeps finding the lease changing under it. */
  private static final int ACQUIRE_ATTEMPTS = 3;

  private final DataSource dataSource;
  private final InstantSource clock;
  private final String holderId;

  /**
   * Claims for one member.
   *
   * @param holderId the member's id (an instance UUID), cut to {@value ClusterClaims#NAME_MAX}
   *     characters
   */
  public JdbcClusterClaims(DataSource dataSource, InstantSource clock, String holderId) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.holderId = shorten(Objects.requireNonNull(holderId, "holderId"), NAME_MAX);
    if (this.holderId.isBlank()) {
      throw new IllegalArgumentException("holderId is blank");
    }
  }

  @Override
  public String holderId() {
    return holderId;
  }

  @Override
  public boolean claimTick(String job, Instant tick) throws SQLException {
    String id = tickId(job, tick);
    try (Connection c = connection();
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO cluster_claim (claim_id, kind, claim_name, holder, claimed_at)"
                    + " VALUES (?,?,?,?,?)")) {
      s.setString(1, id);
      s.setString(2, TICK);
      s.setString(3, job);
      s.setString(4, holderId);
      s.setTimestamp(5, timestamp(clock.instant()));
      s.executeUpdate();
      return true;
    } catch (SQLException e) {
      if (duplicate(e)) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public Optional<String> tickHolder(String job, Instant tick) throws SQLException {
    try (Connection c = connection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT holder FROM cluster_claim WHERE claim_id = ? AND kind = '" + TICK + "'")) {
      s.setString(1, tickId(job, tick));
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
      }
    }
  }

  @Override
  public int purgeTicks(String job, Instant claimedBefore) throws SQLException {
    checkName(job);
    try (Connection c = connection();
        PreparedStatement s =
            c.prepareStatement(
                "DELETE FROM cluster_claim WHERE kind = '"
                    + TICK
                    + "' AND claim_name = ? AND claimed_at < ?")) {
      s.setString(1, job);
      s.setTimestamp(2, timestamp(claimedBefore));
      return s.executeUpdate();
    }
  }

  @Override
  public Optional<LeaseHolder> acquire(String lease, String subject, Duration ttl)
      throws SQLException {
    checkName(lease);
    checkSubject(subject);
    if (ttl == null || ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("lease " + lease + ": ttl must be positive, was " + ttl);
    }
    Instant now = clock.instant();
    Instant until = now.plus(ttl);
    Optional<LeaseHolder> seen = Optional.empty();
    try (Connection c = connection()) {
      for (int attempt = 0; attempt < ACQUIRE_ATTEMPTS; attempt++) {
        if (takeExpired(c, lease, subject, now, until)) {
          return Optional.empty();
        }
        seen = read(c, lease);
        if (seen.isPresent() && seen.get().until().isAfter(now)) {
          return seen;
        }
        if (seen.isEmpty() && insertLease(c, lease, subject, now, until)) {
          return Optional.empty();
        }
        // released or created by another member between our statements: look again
      }
    }
    return Optional.of(seen.orElse(new LeaseHolder("?", "?", now)));
  }

  /** Takes {@code lease} if its row exists and has expired at {@code now}. */
  private boolean takeExpired(
      Connection c, String lease, String subject, Instant now, Instant until) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE cluster_claim SET holder = ?, subject = ?, claimed_at = ?, expires_at = ?"
                + " WHERE claim_id = ? AND kind = '"
                + LEASE
                + "' AND expires_at <= ?")) {
      s.setString(1, holderId);
      s.setString(2, subject);
      s.setTimestamp(3, timestamp(now));
      s.setTimestamp(4, timestamp(until));
      s.setString(5, lease);
      s.setTimestamp(6, timestamp(now));
      return s.executeUpdate() == 1;
    }
  }

  /** Creates {@code lease}'s row held by this member; false if another member created it first. */
  private boolean insertLease(
      Connection c, String lease, String subject, Instant now, Instant until) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO cluster_claim (claim_id, kind, claim_name, holder, subject, claimed_at,"
                + " expires_at) VALUES (?,?,?,?,?,?,?)")) {
      s.setString(1, lease);
      s.setString(2, LEASE);
      s.setString(3, lease);
      s.setString(4, holderId);
      s.setString(5, subject);
      s.setTimestamp(6, timestamp(now));
      s.setTimestamp(7, timestamp(until));
      s.executeUpdate();
      return true;
    } catch (SQLException e) {
      if (duplicate(e)) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public boolean renew(String lease, String subject, Duration ttl) throws SQLException {
    if (ttl == null || ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("lease " + lease + ": ttl must be positive, was " + ttl);
    }
    return setExpiry(lease, subject, clock.instant().plus(ttl));
  }

  @Override
  public boolean release(String lease, String subject) throws SQLException {
    return setExpiry(lease, subject, clock.instant());
  }

  private boolean setExpiry(String lease, String subject, Instant expiresAt) throws SQLException {
    checkName(lease);
    checkSubject(subject);
    try (Connection c = connection();
        PreparedStatement s =
            c.prepareStatement(
                "UPDATE cluster_claim SET expires_at = ? WHERE claim_id = ? AND kind = '"
                    + LEASE
                    + "' AND holder = ? AND subject = ?")) {
      s.setTimestamp(1, timestamp(expiresAt));
      s.setString(2, lease);
      s.setString(3, holderId);
      s.setString(4, subject);
      return s.executeUpdate() == 1;
    }
  }

  @Override
  public Optional<LeaseHolder> holder(String lease) throws SQLException {
    checkName(lease);
    Instant now = clock.instant();
    try (Connection c = connection()) {
      return read(c, lease).filter(h -> h.until().isAfter(now));
    }
  }

  private static Optional<LeaseHolder> read(Connection c, String lease) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT holder, subject, expires_at FROM cluster_claim WHERE claim_id = ? AND kind = '"
                + LEASE
                + "'")) {
      s.setString(1, lease);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        String subject = r.getString(2);
        return Optional.of(
            new LeaseHolder(
                r.getString(1), subject == null ? "?" : subject, instant(r.getTimestamp(3))));
      }
    }
  }

  private Connection connection() throws SQLException {
    Connection c = dataSource.getConnection();
    try {
      if (!c.getAutoCommit()) {
        c.setAutoCommit(true);
      }
      return c;
    } catch (SQLException | RuntimeException e) {
      c.close();
      throw e;
    }
  }

  /** The key of tick {@code tick} of {@code job}: {@code <job>:<tick as ISO-8601>}. */
  static String tickId(String job, Instant tick) {
    checkName(job);
    return job + ":" + Objects.requireNonNull(tick, "tick");
  }

  private static void checkName(String name) {
    if (name == null
        || name.isBlank()
        || name.length() > NAME_MAX
        || name.indexOf(':') >= 0
        || !name.strip().equals(name)) {
      throw new IllegalArgumentException(
          "a claim name has 1-" + NAME_MAX + " characters without ':', was '" + name + "'");
    }
  }

  private static void checkSubject(String subject) {
    if (subject == null || subject.isEmpty() || subject.length() > NAME_MAX) {
      throw new IllegalArgumentException(
          "a lease subject has 1-" + NAME_MAX + " characters, was '" + subject + "'");
    }
  }
}
