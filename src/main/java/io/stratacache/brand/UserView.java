package io.stratacache.brand;

import java.time.Instant;

/** One user's profile as answered by the user writes. */
@io.stratacache.rest.ImmutableJson
public record UserView(long id, String username, String email, Instant createdAt)
    implements java.io.Serializable {}
