package io.stratacache.http;

import java.util.List;

/**
 * The body of {@code POST /api/v1/cache/rules} and {@code PUT /api/v1/cache/rules/{id}}; a null
 * member takes its default: methods [GET, HEAD], key {@code query}, no headers, scope {@code
 * shared}, statuses [200], maxBodyBytes 1 MiB, no tags, no stale windows, overrideOrigin false, no
 * upstream, enabled. {@code pattern} and {@code ttlSeconds} are required; {@code id} is required on
 * POST and, on PUT, must be absent or equal to the path's.
 */
public record RuleRequest(
    String id,
    String pattern,
    List<String> methods,
    Long ttlSeconds,
    String key,
    List<String> headers,
    String scope,
    List<Integer> statuses,
    Integer maxBodyBytes,
    List<String> tags,
    Long staleWhileRevalidateSeconds,
    Long staleIfErrorSeconds,
    Boolean overrideOrigin,
    String upstream,
    Boolean enabled) {}
