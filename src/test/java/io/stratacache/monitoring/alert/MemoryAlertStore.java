package io.stratacache.monitoring.alert;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** An {@link AlertStore} in memory, with the one-active-alert-per-key guarantee of the real one. */
final class MemoryAlertStore implements AlertStore {

  final Map<String, AlertRule> rules = new TreeMap<>();
  final TreeMap<Long, Alert> alerts = new TreeMap<>();
  long nextId = 1;

  @Override
  public synchronized Map<String, AlertRule> storedRules() {
    return new TreeMap<>(rules);
  }

  @Override
  public synchronized void saveRule(AlertRule rule, Instant at) {
    rules.put(rule.name(), rule);
  }

  @Override
  public synchronized List<Alert> alerts(
      Optional<AlertState> state, Optional<Severity> severity, int limit) {
    return alerts.descendingMap().values().stream()
        .filter(a -> state.isEmpty() || a.state() == state.get())
        .filter(a -> severity.isEmpty() || a.severity() == severity.get())
        .limit(limit)
        .toList();
  }

  @Override
  public synchronized List<Alert> active() {
    List<Alert> a = new ArrayList<>();
    for (Alert x : alerts.values()) {
      if (x.state() == AlertState.ACTIVE) {
        a.add(x);
      }
    }
    a.sort(Comparator.comparing(Alert::openedAt));
    return a;
  }

  @Override
  public synchronized Optional<Alert> find(long id) {
    return Optional.ofNullable(alerts.get(id));
  }

  @Override
  public synchronized Optional<Alert> open(Finding f, Instant at) {
    if (active().stream().anyMatch(a -> a.key().equals(f.key()))) {
      return Optional.empty();
    }
    Alert a =
        new Alert(
            nextId++,
            f.rule().name(),
            f.cache(),
            f.rule().severity(),
            AlertState.ACTIVE,
            f.message(),
            f.value(),
            f.rule().threshold(),
            at,
            null);
    alerts.put(a.id(), a);
    return Optional.of(a);
  }

  @Override
  public synchronized Optional<Alert> close(long id, AlertState state, Instant at) {
    Alert a = alerts.get(id);
    if (a == null || a.state() != AlertState.ACTIVE) {
      return Optional.empty();
    }
    Alert closed =
        new Alert(
            a.id(),
            a.rule(),
            a.cache(),
            a.severity(),
            state,
            a.message(),
            a.value(),
            a.threshold(),
            a.openedAt(),
            at);
    alerts.put(id, closed);
    return Optional.of(closed);
  }

  @Override
  public int purge(Instant closedBefore) {
    return 0;
  }
}
