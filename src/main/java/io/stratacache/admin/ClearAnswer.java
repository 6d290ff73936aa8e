package io.stratacache.admin;

import java.util.List;

/**
 * The answer of {@code DELETE /api/v1/cache/clear}.
 *
 * @param cleared the caches emptied in every tier, sorted
 */
public record ClearAnswer(List<String> cleared) {}
