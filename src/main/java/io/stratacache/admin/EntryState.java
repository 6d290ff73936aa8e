package io.stratacache.admin;

/** What a cache holds for a key, as {@code get} reports it. */
public enum EntryState {
  /** A fresh value is cached. */
  PRESENT,
  /** The source's "not found" answer is cached. */
  NOT_FOUND,
  /** Nothing fresh is cached. */
  ABSENT
}
