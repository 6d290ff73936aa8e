package io.stratacache.admin;

import jakarta.json.JsonValue;

/**
 * The answer of {@code POST /api/v1/cache/get}.
 *
 * @param cache the cache
 * @param key the key
 * @param state what the cache holds
 * @param type {@code json} for a value written by {@code set}, else the value's simple class name;
 *     null unless {@link EntryState#PRESENT}
 * @param value the value as JSON (JSON-B of an application record), null unless present or when the
 *     value has no JSON form
 */
public record LookupAnswer(
    String cache, String key, EntryState state, String type, JsonValue value) {}
