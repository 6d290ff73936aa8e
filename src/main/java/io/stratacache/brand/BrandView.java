package io.stratacache.brand;

import java.time.Instant;

/** One brand as answered and cached ({@code brand}): its id, unique name, category, creation. */
@io.stratacache.rest.ImmutableJson
public record BrandView(long id, String name, String category, Instant createdAt)
    implements java.io.Serializable {}
