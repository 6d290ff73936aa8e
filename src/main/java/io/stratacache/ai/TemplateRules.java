package io.stratacache.ai;

import io.stratacache.platform.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a {@link TemplateRequest} into a {@link Template}, refusing anything malformed with one
 * {@link InvalidInputException} (400) before anything is stored. Stateless.
 */
final class TemplateRules {

  static final Pattern ID = Pattern.compile("[a-z0-9_-]{1,64}");
  static final Pattern SECTION_ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  static final int MAX_TEXT = 20_000;
  static final long MAX_TTL = 365L * 24 * 3600;

  private TemplateRules() {}

  static String checkId(String id) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new InvalidInputException(
          "id must be 1 to 64 characters of a-z, 0-9, '_' and '-', was "
              + (id == null ? "absent" : "'" + id + "'"));
    }
    return id;
  }

  static Template toTemplate(
      String id, int version, TemplateRequest r, Duration defaultTtl, Instant now) {
    if (r == null) {
      throw new InvalidInputException("a JSON body is required");
    }
    checkId(id);
    if (r.name() == null || r.name().isBlank() || r.name().length() > 200) {
      throw new InvalidInputException("name is required, 1 to 200 characters");
    }
    String system = r.system_prompt() == null ? "" : r.system_prompt();
    if (system.length() > MAX_TEXT) {
      throw new InvalidInputException("system_prompt is longer than " + MAX_TEXT + " characters");
    }
    if (!PromptRenderer.fields(system).isEmpty()) {
      throw new InvalidInputException("system_prompt cannot hold placeholders");
    }
    if (r.model() != null && (r.model().isBlank() || r.model().length() > 100)) {
      throw new InvalidInputException("model must be 1 to 100 characters, or absent");
    }
    if (r.temperature() != null && !(r.temperature() >= 0 && r.temperature() <= 2)) {
      throw new InvalidInputException("temperature must be 0..2, was " + r.temperature());
    }
    if (r.max_tokens() != null && (r.max_tokens() < 1 || r.max_tokens() > 1_000_000)) {
      throw new InvalidInputException("max_tokens must be 1..1000000, was " + r.max_tokens());
    }
    if (r.top_p() != null && !(r.top_p() > 0 && r.top_p() <= 1)) {
      throw new InvalidInputException("top_p must be in (0, 1], was " + r.top_p());
    }
    long ttl = r.ttl_seconds() == null ? defaultTtl.toSeconds() : r.ttl_seconds();
    if (ttl < 1 || ttl > MAX_TTL) {
      throw new InvalidInputException("ttl_seconds must be 1.." + MAX_TTL + ", was " + ttl);
    }
    if (r.data_source() != null && !Template.BRAND_STATS.equals(r.data_source())) {
      throw new InvalidInputException(
          "data_source must be absent or '" + Template.BRAND_STATS + "', was " + r.data_source());
    }
    List<TemplateSection> sections = r.sections();
    if (sections == null || sections.isEmpty() || sections.size() > 50) {
      throw new InvalidInputException("sections must hold 1 to 50 sections");
    }
    Set<String> ids = new HashSet<>();
    for (TemplateSection s : sections) {
      if (s == null || s.id() == null || !SECTION_ID.matcher(s.id()).matches()) {
        throw new InvalidInputException(
            "every section needs an id of 1 to 64 characters of A-Z, a-z, 0-9, '_', '.', '-'");
      }
      if (!ids.add(s.id())) {
        throw new InvalidInputException("section id " + s.id() + " appears twice");
      }
      if (s.title() == null || s.title().isBlank() || s.title().length() > 200) {
        throw new InvalidInputException(
            "section " + s.id() + " needs a title of 1 to 200 characters");
      }
      if (s.prompt() == null || s.prompt().isBlank() || s.prompt().length() > MAX_TEXT) {
        throw new InvalidInputException(
            "section " + s.id() + " needs a prompt of 1 to " + MAX_TEXT + " characters");
      }
    }
    return new Template(
        id,
        version,
        r.name().strip(),
        system,
        r.model() == null ? null : r.model().strip(),
        r.temperature(),
        r.max_tokens(),
        r.top_p(),
        r.seed(),
        ttl,
        r.data_source(),
        sections,
        now);
  }
}
