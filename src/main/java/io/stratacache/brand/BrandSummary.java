package io.stratacache.brand;

/** A brand in the brand list, with how many diagnosis reports it has. */
@io.stratacache.rest.ImmutableJson
public record BrandSummary(long id, String name, String category, long reportCount)
    implements java.io.Serializable {}
