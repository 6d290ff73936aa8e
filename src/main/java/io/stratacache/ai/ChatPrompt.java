package io.stratacache.ai;

/**
 * The messages of one generation, rendered.
 *
 * @param system the system message (the template's), may be empty
 * @param user the section's prompt with its placeholders filled
 * @param sectionTitle the section's title (the mock uses it)
 */
record ChatPrompt(String system, String user, String sectionTitle) {}
