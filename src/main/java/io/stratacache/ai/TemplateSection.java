package io.stratacache.ai;

/**
 * One section of a template: what the caller names in {@code section_id}, the title the answer
 * carries, and the prompt whose {@code {{path}}} placeholders are filled from the request's data.
 *
 * @param id the section's id within its template
 * @param title the section's title, returned as {@code section_title}
 * @param prompt the user prompt, with {@code {{a.b}}} placeholders
 */
public record TemplateSection(String id, String title, String prompt)
    implements java.io.Serializable {}
