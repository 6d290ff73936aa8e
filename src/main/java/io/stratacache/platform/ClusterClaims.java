package io.stratacache.platform;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How the members of a cluster agree on who does cluster-wide work, over one shared table: a
 * <em>tick claim</em> for a scheduled job that fires on every member (exactly one member wins each
 * tick) and a <em>lease</em> for work that must run once at a time (held until released, renewed
 * while it goes on, expiring if its holder dies). Each instance of this interface speaks for one
 * member, its {@link #holderId()}.
 *
 * <p><b>Atomicity.</b> Every method is one atomic decision of the database: a tick is won by the
 * one insert of its key that succeeds, a lease changes hands only by a conditional update (or the
 * first insert) that sees it expired, so two members never both win a tick nor both hold a lease,
 * whatever the interleaving. Methods run outside a JTA transaction; each statement commits on its
 * own.
 *
 * <p><b>Time.</b> Claim times and lease expiry come from the clock the implementation is given, so
 * tests drive them; across members, lease expiry is judged by the clock of the member that asks, so
 * member clocks must agree to well within a lease's duration.
 *
 * <p><b>Failures.</b> A database failure is thrown as {@link SQLException}, never reported as a
 * claim won or lost: the caller chooses (the scheduled ticks skip, so a tick runs at most once; the
 * warm-up lease fails open; see each caller). A tick whose winning insert fails (or whose commit is
 * lost) runs nowhere.
 *
 * <p>Names of jobs and leases are 1 to 64 characters without {@code ':'}; subjects at most 64.
 * Thread-safe.
 */
public interface ClusterClaims {

  /** The longest job or lease name, holder id and subject. */
  int NAME_MAX = 64;

  /**
   * Who holds a lease.
   *
   * @param holder the member holding it ({@link #holderId()} of its claims)
   * @param subject what the holder does under it, e.g. the warm-up run id
   * @param until when it expires unless renewed
   */
  record LeaseHolder(String holder, String subject, Instant until) {}

  /** The member these claims speak for (at most {@value #NAME_MAX} characters). */
  String holderId();

  /**
   * Claims tick {@code tick} of {@code job} for this member: insert or lose. Every member firing
   * the same tick must name the same instant (round it to the tick boundary first).
   *
   * @return true if this call won the tick; false if a member (this one included, by an earlier
   *     call) already had
   * @throws SQLException if the database fails; the tick is then neither won nor lost by this call
   * @throws IllegalArgumentException for a malformed job name
   */
  boolean claimTick(String job, Instant tick) throws SQLException;

  /**
   * The member that won tick {@code tick} of {@code job}, if it has been claimed (and not purged).
   *
   * @throws SQLException if the database fails
   */
  Optional<String> tickHolder(String job, Instant tick) throws SQLException;

  /**
   * Deletes the claims of {@code job}'s ticks claimed before {@code claimedBefore}: a purged tick
   * could be claimed again, so keep claims longer than members' ticks can disagree.
   *
   * @return how many claims were deleted
   * @throws SQLException if the database fails
   */
  int purgeTicks(String job, Instant claimedBefore) throws SQLException;

  /**
   * Takes lease {@code lease} for {@code ttl} from now, for {@code subject}, if nobody holds it (it
   * was never taken, was released, or expired). Not re-entrant: while the lease is held, this
   * member's second acquire is refused too.
   *
   * @param subject what this member does under the lease, reported to the others
   * @param ttl how long the lease lasts unless renewed; positive
   * @return empty if this member now holds the lease; otherwise who holds it (its subject is what a
   *     refused caller reports, such as the running warm-up run)
   * @throws SQLException if the database fails; the lease is then not taken by this call
   * @throws IllegalArgumentException for a malformed name or subject, or a non-positive ttl
   */
  Optional<LeaseHolder> acquire(String lease, String subject, Duration ttl) throws SQLException;

  /**
   * Extends this member's lease for {@code subject} to {@code ttl} from now. Succeeds while nobody
   * else has taken the lease, even if it expired meanwhile.
   *
   * @return false if this member no longer holds the lease for {@code subject} (another took it)
   * @throws SQLException if the database fails
   */
  boolean renew(String lease, String subject, Duration ttl) throws SQLException;

  /**
   * Gives up this member's lease for {@code subject} now, so another member may take it at once.
   *
   * @return false if this member did not hold it for {@code subject}
   * @throws SQLException if the database fails (the lease then expires by itself)
   */
  boolean release(String lease, String subject) throws SQLException;

  /**
   * Who holds lease {@code lease} now; empty if nobody does (never taken, released or expired).
   *
   * @throws SQLException if the database fails
   */
  Optional<LeaseHolder> holder(String lease) throws SQLException;
}
