package io.stratacache.http;

import java.io.Serializable;
import java.util.List;

/**
 * What a key holds when its origin answers with {@code Vary}: the request headers (lower case)
 * whose values select the variant, stored under {@code <key> v=<values>}.
 */
record VaryIndex(List<String> names) implements Serializable {}
