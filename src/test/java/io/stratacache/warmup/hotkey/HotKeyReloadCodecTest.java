package io.stratacache.warmup.hotkey;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.stratacache.brand.BrandService;
import io.stratacache.brand.ReportService;
import io.stratacache.brand.ReportStatus;
import io.stratacache.brand.UserService;
import io.stratacache.store.DateRange;
import io.stratacache.store.StoreAnalytics;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.cache.annotation.CacheResult;
import org.junit.jupiter.api.Test;

/**
 * Saved reload recipes: every argument type of every {@code @CacheResult} method of the application
 * round-trips through {@link ReloadCodec}; nothing outside the allow-list decodes.
 */
class HotKeyReloadCodecTest {

  static final List<Class<?>> CACHED_SERVICES =
      List.of(BrandService.class, ReportService.class, UserService.class, StoreAnalytics.class);

  final ReloadCodec codec = new ReloadCodec(getClass().getClassLoader(), c -> "bean of " + c);

  @Test
  void encodeDecode_everyCachedMethodOfTheApplication_roundTrips() throws Exception {
    int methods = 0;
    for (Class<?> service : CACHED_SERVICES) {
      Object bean = service.getDeclaredConstructor().newInstance();
      for (Method m : service.getMethods()) {
        if (!m.isAnnotationPresent(CacheResult.class)) {
          continue;
        }
        methods++;
        for (List<Object> args : samples(m.getGenericParameterTypes())) {
          Object[] a = args.toArray();
          ReloadCodec.Encoded e = ReloadCodec.encode(new KeyReloaders.Reload(bean, m, a));
          assertEquals(service.getName(), e.bean());
          KeyReloaders.Reload back = codec.decode(e);
          assertEquals(m, back.method());
          assertArrayEquals(a, back.args(), m + " " + e.args());
          assertEquals("bean of " + service, back.target());
        }
      }
    }
    assertEquals(8, methods, "a new @CacheResult method: check its argument types here");
  }

  /** Sample values per declared type: a typical value and the edge cases (null, extremes). */
  private static List<List<Object>> samples(Type[] types) {
    List<List<Object>> rows = new ArrayList<>();
    for (int variant = 0; variant < 3; variant++) {
      List<Object> row = new ArrayList<>();
      for (Type t : types) {
        row.add(sample(t, variant));
      }
      rows.add(row);
    }
    return rows;
  }

  private static Object sample(Type t, int variant) {
    if (t == int.class) {
      return new int[] {20, 0, Integer.MIN_VALUE}[variant];
    }
    if (t == long.class) {
      return new long[] {42L, Long.MAX_VALUE, -1L}[variant];
    }
    if (t == String.class) {
      return new String[] {"Nike", "", "Ünïcødé \"quoted\" \\ \u0000 😀"}[variant];
    }
    if (t == ReportStatus.class) {
      return variant == 2 ? null : ReportStatus.values()[variant % ReportStatus.values().length];
    }
    if (t == DateRange.class) {
      return new DateRange(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 1 + variant * 10));
    }
    if (t instanceof ParameterizedType p
        && p.getRawType() == Set.class
        && p.getActualTypeArguments()[0] == Long.class) {
      return new Set<?>[] {Set.of(1L, 2L, 3L), Set.of(), Set.of(Long.MAX_VALUE)}[variant];
    }
    throw new AssertionError("no sample for argument type " + t + ": add it to ReloadCodec");
  }

  public static class Beans {
    @CacheResult(cacheName = "x")
    public String items(List<String> names, Integer boxed, Boolean flag, double ratio) {
      return "";
    }

    public Object unsafe(Object anything) {
      return anything;
    }
  }

  @Test
  void encodeDecode_listsBoxedNullsBooleansDoubles_roundTrip() throws Exception {
    Method m =
        Beans.class.getMethod("items", List.class, Integer.class, Boolean.class, double.class);
    Object[] args = {List.of("a", "b"), null, Boolean.TRUE, 0.25};
    ReloadCodec.Encoded e = ReloadCodec.encode(new KeyReloaders.Reload(new Beans(), m, args));
    assertArrayEquals(args, codec.decode(e).args());
  }

  @Test
  void encode_argumentOfUnknownType_refused() throws Exception {
    Method m = Beans.class.getMethod("unsafe", Object.class);
    assertThrows(
        IllegalArgumentException.class,
        () -> ReloadCodec.encode(new KeyReloaders.Reload(new Beans(), m, new Object[] {this})));
  }

  @Test
  void decode_outsideAllowList_refusedWithoutLoadingOrCalling() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            codec.decode(
                new ReloadCodec.Encoded("java.lang.Runtime", "exec(java.lang.String)", "[\"x\"]")));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            codec.decode(
                new ReloadCodec.Encoded(
                    Beans.class.getName(), "unsafe(java.lang.Object)", "[\"x\"]")));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            codec.decode(
                new ReloadCodec.Encoded(
                    StoreAnalytics.class.getName(),
                    "dashboard(long,io.stratacache.store.DateRange)",
                    "[1,{\"from\":\"2026-02-01\",\"to\":\"2026-01-01\"}]")),
        "a record whose constructor refuses the values");
  }

  @Test
  void decode_hostileArguments_refused() {
    String dashboard = "dashboard(long,io.stratacache.store.DateRange)";
    String range = "{\"from\":\"2026-01-01\",\"to\":\"2026-01-02\"}";
    for (String args :
        new String[] {
          "[" + "[".repeat(10_000),
          "[1,{\"from\":" + "[".repeat(100) + "]".repeat(100) + "}]",
          "[\"1\"," + range + "]",
          "[1.5," + range + "]",
          "[1e30," + range + "]",
          "[null," + range + "]",
          "[1,{\"from\":\"2026-01-01\",\"to\":\"2026-01-02\",\"extra\":1}]",
          "[1,{\"from\":20260101,\"to\":\"2026-01-02\"}]",
          "{\"0\":1}"
        }) {
      assertThrows(
          IllegalArgumentException.class,
          () ->
              codec.decode(
                  new ReloadCodec.Encoded(StoreAnalytics.class.getName(), dashboard, args)),
          args);
    }
  }

  @Test
  void beanClass_containerSubclass_theApplicationClass() {
    class BrandService$Proxy$_$$_WeldSubclass extends BrandService {}
    assertEquals(
        BrandService.class, ReloadCodec.beanClass(BrandService$Proxy$_$$_WeldSubclass.class));
    assertFalse(ReloadCodec.beanClass(BrandService.class).getName().contains("$"));
  }
}
