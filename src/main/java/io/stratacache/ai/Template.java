package io.stratacache.ai;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A prompt template as stored (table {@code ai_template}). Every change through the admin API
 * raises {@code version}, and the version is part of every answer's cache key, so an answer
 * generated from an older text or older parameters is never served for the new one.
 *
 * @param id the template's id ({@code [a-z0-9_-]}, 1..64)
 * @param version 1 at creation, raised by one on every update
 * @param name a human name
 * @param systemPrompt the system message of every section (no placeholders)
 * @param model the model, or null for {@code AI_MODEL}
 * @param temperature the sampling temperature, or null for {@code AI_TEMPERATURE}
 * @param maxTokens the completion limit, or null for {@code AI_MAX_TOKENS}
 * @param topP nucleus sampling, or null to send none
 * @param seed the sampling seed, or null to send none
 * @param ttlSeconds how long an answer stays cached
 * @param dataSource null, or {@code brand_stats}: the data's {@code brand} is looked up in this
 *     application's brand statistics and added to the data as {@code stats} before rendering
 * @param sections the sections, in order
 * @param updatedAt when this version was written
 */
public record Template(
    String id,
    int version,
    String name,
    String systemPrompt,
    String model,
    Double temperature,
    Integer maxTokens,
    Double topP,
    Long seed,
    long ttlSeconds,
    String dataSource,
    List<TemplateSection> sections,
    Instant updatedAt) {

  /** The data source that adds a brand's statistics. */
  public static final String BRAND_STATS = "brand_stats";

  public Template {
    sections = List.copyOf(sections);
  }

  /** The section called {@code sectionId}, if the template has one. */
  public Optional<TemplateSection> section(String sectionId) {
    return sections.stream().filter(s -> s.id().equals(sectionId)).findFirst();
  }

  /** How long an answer of this template stays cached. */
  public Duration ttl() {
    return Duration.ofSeconds(ttlSeconds);
  }
}
