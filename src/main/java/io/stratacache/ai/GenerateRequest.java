package io.stratacache.ai;

import jakarta.json.JsonObject;

/**
 * The body of {@code POST /api/ai/generate}. Components are named as the JSON members (snake_case,
 * as seed 003's clients send them) so that the strict binder's refusals name them as sent.
 *
 * @param template_id the template (required)
 * @param section_id the section of that template (required)
 * @param data the values the section's placeholders read (required, a JSON object)
 */
public record GenerateRequest(String template_id, String section_id, JsonObject data) {}
