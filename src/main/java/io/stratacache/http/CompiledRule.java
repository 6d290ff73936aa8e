package io.stratacache.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A rule with its pattern compiled and its counters attached. Immutable; thread-safe. */
final class CompiledRule {

  private final ResponseRule rule;
  private final PathPattern pattern;
  private final RuleStats stats;
  private final boolean get;
  private final boolean head;
  private final boolean query;

  CompiledRule(ResponseRule rule, RuleStats stats) {
    this.rule = rule;
    this.pattern = PathPattern.compile(rule.pattern());
    this.stats = stats;
    this.get = rule.methods().contains("GET");
    this.head = rule.methods().contains("HEAD") || get;
    this.query = rule.key().equals("query");
  }

  String id() {
    return rule.id();
  }

  ResponseRule rule() {
    return rule;
  }

  PathPattern pattern() {
    return pattern;
  }

  RuleStats stats() {
    return stats;
  }

  boolean byQuery() {
    return query;
  }

  /** Whether {@code method} is answered from the cache (HEAD is, whenever GET is). */
  boolean caches(String method) {
    return switch (method) {
      case "GET" -> get;
      case "HEAD" -> head;
      default -> false;
    };
  }

  /** The tags of an entry of {@code path}, path variables decoded. */
  List<String> tags(String path, String userTag) {
    Map<String, String> vars = pattern.capture(path);
    Map<String, String> decoded = new LinkedHashMap<>();
    if (vars != null) {
      vars.forEach(
          (k, v) -> {
            try {
              decoded.put(k, URLDecoder.decode(v, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
              decoded.put(k, v);
            }
          });
    }
    List<String> tags = new java.util.ArrayList<>(SharedCachePolicy.tags(rule, decoded, userTag));
    String url = ResponseKeys.urlTag(path);
    if (!tags.contains(url)) {
      tags.add(url);
    }
    return List.copyOf(tags);
  }
}
