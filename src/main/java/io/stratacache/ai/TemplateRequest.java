package io.stratacache.ai;

import java.util.List;

/**
 * The body of {@code POST /api/ai/templates} (create) and {@code PUT /api/ai/templates/{id}}
 * (replace: every member as for create; {@code id}, if sent, must match the path). Checked by
 * {@link TemplateRules}.
 *
 * @param id {@code [a-z0-9_-]}, 1..64 characters (create)
 * @param name a human name, 1..200 characters
 * @param system_prompt the system message, at most 20,000 characters, no placeholders; may be empty
 * @param model a model name, or null for {@code AI_MODEL}
 * @param temperature 0..2, or null for {@code AI_TEMPERATURE}
 * @param max_tokens 1..1000000, or null for {@code AI_MAX_TOKENS}
 * @param top_p (0, 1], or null to send none
 * @param seed a sampling seed, or null to send none
 * @param ttl_seconds how long answers stay cached, 1..31536000 (365 days); null for {@code
 *     AI_CACHE_TTL_SECONDS}
 * @param data_source null, or {@code brand_stats}
 * @param sections 1..50 sections with distinct ids, titles and prompts of at most 20,000 characters
 */
public record TemplateRequest(
    String id,
    String name,
    String system_prompt,
    String model,
    Double temperature,
    Integer max_tokens,
    Double top_p,
    Long seed,
    Long ttl_seconds,
    String data_source,
    List<TemplateSection> sections) {}
