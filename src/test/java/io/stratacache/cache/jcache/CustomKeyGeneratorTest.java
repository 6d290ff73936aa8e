package io.stratacache.cache.jcache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.cache.TieredCaches;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.annotation.CacheDefaults;
import javax.cache.annotation.CacheInvocationParameter;
import javax.cache.annotation.CacheKey;
import javax.cache.annotation.CacheKeyGenerator;
import javax.cache.annotation.CacheKeyInvocationContext;
import javax.cache.annotation.CachePut;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheResult;
import javax.cache.annotation.CacheValue;
import javax.cache.annotation.GeneratedCacheKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A custom {@code cacheKeyGenerator} (JSR-107 §11) decides the key the annotations use. */
class CustomKeyGeneratorTest {

  /** Keys by the first letter of the first key parameter, lower-cased. */
  public static final class FirstLetter implements CacheKeyGenerator {
    static volatile CacheKeyInvocationContext<? extends Annotation> seen;

    @Override
    public GeneratedCacheKey generateCacheKey(
        CacheKeyInvocationContext<? extends Annotation> context) {
      seen = context;
      String first = String.valueOf(context.getKeyParameters()[0].getValue());
      return new TieredCacheKey(first.substring(0, 1).toLowerCase());
    }
  }

  /** A serializable key of its own: the tiers see a digest of it. */
  record LengthKey(int length) implements GeneratedCacheKey {}

  public static final class ByLength implements CacheKeyGenerator {
    @Override
    public GeneratedCacheKey generateCacheKey(
        CacheKeyInvocationContext<? extends Annotation> context) {
      return new LengthKey(String.valueOf(context.getKeyParameters()[0].getValue()).length());
    }
  }

  @CacheDefaults(cacheName = "letters", cacheKeyGenerator = FirstLetter.class)
  static class Letters {
    final AtomicInteger calls = new AtomicInteger();

    @CacheResult
    public String greet(String ignored, @CacheKey String name) {
      calls.incrementAndGet();
      return "hello " + name;
    }

    @CachePut
    public void set(@CacheKey String name, @CacheValue String value) {}

    @CacheRemove
    public void forget(@CacheKey String name) {}

    @CacheResult(cacheName = "lengths", cacheKeyGenerator = ByLength.class)
    public String measure(String word) {
      calls.incrementAndGet();
      return word + " has " + word.length();
    }
  }

  TieredCaches caches;
  AnnotatedCaching caching;
  final Letters letters = new Letters();

  @BeforeEach
  void setUp() {
    caches = NearOnlyCaches.of(Map.of());
    caching = new AnnotatedCaching(caches);
  }

  @AfterEach
  void tearDown() {
    caches.close();
  }

  Method method(String name) {
    return Arrays.stream(Letters.class.getDeclaredMethods())
        .filter(m -> m.getName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  Object call(String name, Object... args) throws Exception {
    Method m = method(name);
    AnnotatedCaching.Invocation proceed = () -> m.invoke(letters, args);
    if (m.isAnnotationPresent(CacheResult.class)) {
      return caching.result(letters, m, args, proceed);
    }
    if (m.isAnnotationPresent(CachePut.class)) {
      return caching.put(letters, m, args, proceed);
    }
    return caching.remove(letters, m, args, proceed);
  }

  @Test
  void result_classDefaultGenerator_keysByItsKey() throws Exception {
    assertEquals("hello ann", call("greet", "x", "ann"));
    assertEquals("hello ann", call("greet", "y", "Amy"), "same first letter: same entry");
    assertEquals(1, letters.calls.get());
    assertEquals("hello ann", caches.find("letters").orElseThrow().peek("a").orElse(null));
  }

  @Test
  void generator_seesTheJsr107Invocation() throws Exception {
    call("greet", "x", "ann");
    CacheKeyInvocationContext<? extends Annotation> context = FirstLetter.seen;
    assertSame(letters, context.getTarget());
    assertEquals("letters", context.getCacheName());
    assertEquals(method("greet"), context.getMethod());
    assertTrue(context.getCacheAnnotation() instanceof CacheResult);
    CacheInvocationParameter[] keys = context.getKeyParameters();
    assertEquals(1, keys.length);
    assertEquals("ann", keys[0].getValue());
    assertEquals(1, keys[0].getParameterPosition());
    assertEquals(String.class, keys[0].getRawType());
    assertArrayEquals(
        new Object[] {"x", "ann"},
        Arrays.stream(context.getAllParameters())
            .map(CacheInvocationParameter::getValue)
            .toArray());
    assertNull(context.getValueParameter());
  }

  @Test
  void putAndRemove_generator_reachTheSameEntry() throws Exception {
    call("set", "bob", "hi bob");
    assertEquals("hi bob", FirstLetter.seen.getValueParameter().getValue());
    assertEquals(1, FirstLetter.seen.getKeyParameters().length, "the @CacheValue is no key");
    assertEquals("hi bob", call("greet", "x", "Bea"), "the put's key is the generator's");
    call("forget", "bill");
    assertEquals("hello Bea", call("greet", "x", "Bea"), "removed under the generator's key");
    assertEquals(1, letters.calls.get());
  }

  @Test
  void result_serializableGeneratedKey_equalKeysShareAnEntry() throws Exception {
    assertEquals("abc has 3", call("measure", "abc"));
    assertEquals("abc has 3", call("measure", "xyz"), "equal generated keys");
    assertEquals("four has 4", call("measure", "four"));
    assertEquals(2, letters.calls.get());
  }
}
