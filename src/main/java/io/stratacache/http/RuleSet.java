package io.stratacache.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * The enabled rules in precedence order: the first that matches a path wins. Precedence: more
 * literal characters in the pattern first, then fewer {@code **}, then the id. Immutable.
 */
final class RuleSet {

  static final RuleSet EMPTY = new RuleSet(List.of(), 0);

  private final CompiledRule[] rules;
  private final long version;

  private RuleSet(List<CompiledRule> rules, long version) {
    this.rules = rules.toArray(CompiledRule[]::new);
    this.version = version;
  }

  /** Compiles the enabled ones of {@code all}, with counters from {@code stats}. */
  static RuleSet of(List<ResponseRule> all, long version, Function<String, RuleStats> stats) {
    List<CompiledRule> enabled = new ArrayList<>();
    for (ResponseRule r : all) {
      if (r.enabled()) {
        enabled.add(new CompiledRule(r, stats.apply(r.id())));
      }
    }
    enabled.sort(
        Comparator.comparingInt((CompiledRule c) -> -c.pattern().literalChars())
            .thenComparingInt(c -> c.pattern().deepWildcards())
            .thenComparing(CompiledRule::id));
    return new RuleSet(enabled, version);
  }

  /** The rule for {@code path}, or null. */
  CompiledRule match(String path) {
    for (CompiledRule r : rules) {
      if (r.pattern().matches(path)) {
        return r;
      }
    }
    return null;
  }

  /** The rules in precedence order. */
  List<CompiledRule> rules() {
    return List.of(rules);
  }

  long version() {
    return version;
  }

  boolean isEmpty() {
    return rules.length == 0;
  }
}
