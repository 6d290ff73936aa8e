package io.stratacache.cache.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.cache.TieredCache;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CacheKeysTest {

  static String key(Object... args) {
    int[] all = new int[args.length];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    return CacheKeys.key(all, args);
  }

  @Test
  void key_joinsInOrder() {
    assertEquals("a|1|true", key("a", 1, true));
    assertEquals("()", key());
  }

  @Test
  void key_separatorInValues_cannotCollide() {
    assertNotEquals(key("a|b", "c"), key("a", "b|c"));
    assertNotEquals(key("a\\", "b"), key("a", "\\b"));
  }

  @Test
  void key_null_distinctFromTheWordNull() {
    assertNotEquals(key((Object) null), key("null"));
  }

  @Test
  void key_sets_sortedNumerically_listsKeepOrder() {
    assertEquals("[2, 10, 33]", key(Set.of(33L, 2L, 10L)));
    assertEquals("[3, 1]", key(List.of(3, 1)));
  }

  @Test
  void key_tooLong_shortenedWithHash() {
    String longKey = key("x".repeat(600));
    assertTrue(longKey.length() <= TieredCache.MAX_KEY_LENGTH);
    assertNotEquals(longKey, key("x".repeat(601)));
    assertEquals(longKey, key("x".repeat(600)));
  }
}
