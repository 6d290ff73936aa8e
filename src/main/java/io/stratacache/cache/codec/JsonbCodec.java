package io.stratacache.cache.codec;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * JSON-B of one type, UTF-8; the only class of the cache that touches {@code jakarta.json.bind}.
 */
final class JsonbCodec<V> implements Codec<V> {
  private final Class<V> type;
  private final Jsonb jsonb;

  JsonbCodec(Class<V> type) {
    this.type = Objects.requireNonNull(type, "type");
    this.jsonb = JsonbBuilder.create();
  }

  @Override
  public String name() {
    return Codecs.JSON;
  }

  @Override
  public byte[] encode(V value) {
    Objects.requireNonNull(value, "value");
    try {
      return jsonb.toJson(value).getBytes(StandardCharsets.UTF_8);
    } catch (JsonbException e) {
      throw new CodecException("cannot write " + type.getName() + " as JSON", e);
    }
  }

  @Override
  public V decode(byte[] bytes) {
    try {
      return jsonb.fromJson(new ByteArrayInputStream(bytes), type);
    } catch (JsonbException e) {
      throw new CodecException("cannot read a " + type.getName() + " from JSON", e);
    }
  }
}
