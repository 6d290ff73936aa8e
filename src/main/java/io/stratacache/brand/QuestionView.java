package io.stratacache.brand;

/** A question and how often it was asked. */
@io.stratacache.rest.ImmutableJson
public record QuestionView(Long id, String text, Long askCount) implements java.io.Serializable {}
