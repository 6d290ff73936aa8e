package io.stratacache.monitoring.alert;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where alert rules' tunables and alerts are kept (the database in the server, memory in tests).
 * Implementations are thread-safe and keep at most one active alert per rule and cache even when
 * several instances open it at once.
 */
interface AlertStore {

  /** The stored tunables by rule name (rules never edited nor seeded may be missing). */
  Map<String, AlertRule> storedRules();

  /** Stores a rule's tunables (insert or update). */
  void saveRule(AlertRule rule, Instant at);

  /**
   * Alerts, newest first.
   *
   * @param state only this state, or all
   * @param severity only this severity, or all
   * @param limit at most this many
   */
  List<Alert> alerts(Optional<AlertState> state, Optional<Severity> severity, int limit);

  /** The active alerts, oldest first. */
  List<Alert> active();

  /** The alert {@code id}, if it exists. */
  Optional<Alert> find(long id);

  /**
   * Opens an alert for a finding.
   *
   * @return the new alert; empty if one is already active for that rule and cache
   */
  Optional<Alert> open(Finding finding, Instant at);

  /**
   * Closes an active alert.
   *
   * @param state {@link AlertState#RESOLVED} or {@link AlertState#AUTO_RESOLVED}
   * @return the closed alert; empty if it does not exist or was not active
   */
  Optional<Alert> close(long id, AlertState state, Instant at);

  /** Deletes alerts closed before {@code closedBefore}; returns how many. */
  int purge(Instant closedBefore);
}
