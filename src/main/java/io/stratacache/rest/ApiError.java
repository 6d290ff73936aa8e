package io.stratacache.rest;

/**
 * The body of every error answer.
 *
 * @param error a short, stable code such as {@code invalid_parameter} or {@code not_found}
 * @param detail a human-readable explanation; never a stack trace
 */
public record ApiError(String error, String detail) {}
