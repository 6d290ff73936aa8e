package io.stratacache.store;

import java.time.LocalDate;

/** A store as the API shows it. */
@io.stratacache.rest.ImmutableJson
public record StoreView(
    Long id, String code, String name, String city, String region, LocalDate openedOn)
    implements java.io.Serializable {}
