package io.stratacache.rest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.brand.BrandSummary;
import io.stratacache.brand.QuestionView;
import jakarta.ws.rs.core.GenericType;
import jakarta.ws.rs.core.MediaType;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoizedJsonWriterTest {

  final MemoizedJsonWriter writer = new MemoizedJsonWriter();
  static final Annotation[] NONE = new Annotation[0];
  static final Type LIST_OF_BRANDS = new GenericType<List<BrandSummary>>() {}.getType();

  @Test
  void isWriteable_immutableRecordsAndImmutableListsOfThem_only() {
    MediaType json = MediaType.APPLICATION_JSON_TYPE;
    assertTrue(writer.isWriteable(BrandSummary.class, BrandSummary.class, NONE, json));
    assertTrue(
        writer.isWriteable(List.copyOf(List.of(1, 2, 3)).getClass(), LIST_OF_BRANDS, NONE, json));
    assertTrue(writer.isWriteable(List.of(1).getClass(), LIST_OF_BRANDS, NONE, json));
    assertFalse(writer.isWriteable(ArrayList.class, LIST_OF_BRANDS, NONE, json), "mutable list");
    assertFalse(
        writer.isWriteable(ApiError.class, ApiError.class, NONE, json), "not declared immutable");
  }

  @Test
  void json_sameAsJsonb_andSerializedOncePerInstance() {
    BrandSummary brand = new BrandSummary(7, "Aurora Tea", "Tea", 42);
    byte[] first = writer.json(brand);
    assertArrayEquals(
        JsonbConfiguration.JSONB.toJson(brand).getBytes(StandardCharsets.UTF_8), first);
    assertSame(first, writer.json(brand), "the same instance is not serialized again");
    assertNotSame(first, writer.json(new BrandSummary(7, "Aurora Tea", "Tea", 42)), "by identity");
  }

  @Test
  void json_list_keepsNullsAndOrder() {
    List<QuestionView> questions =
        List.copyOf(List.of(new QuestionView(1L, "q?", 3L), new QuestionView(2L, null, 1L)));
    String json = new String(writer.json(questions), StandardCharsets.UTF_8);
    assertTrue(json.startsWith("[{") && json.indexOf("\"id\":1") < json.indexOf("\"id\":2"), json);
    assertTrue(json.contains("\"text\":null"), json);
  }
}
