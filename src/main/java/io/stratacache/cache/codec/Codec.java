package io.stratacache.cache.codec;

/**
 * Turns values of one type into bytes and back. Implementations are immutable and thread-safe.
 *
 * <p>Round trip contract: {@code decode(encode(v))} equals {@code v} for every value the codec
 * accepts. Values reaching a codec must be immutable: the cache may hand the same decoded instance
 * to many callers.
 *
 * @param <V> the value type; null values never reach a codec ("not found" is a sentinel of the
 *     tiers, not an encoded null)
 */
public interface Codec<V> {

  /** The codec's configuration name ({@code binary}, {@code json}, or a custom name). */
  String name();

  /**
   * Encodes a value.
   *
   * @throws CodecException if the value cannot be encoded (for example, not serializable)
   * @throws NullPointerException if {@code value} is null
   */
  byte[] encode(V value);

  /**
   * Decodes bytes produced by {@link #encode}.
   *
   * @throws CodecException if the bytes are corrupt, of another type, or rejected by a filter
   */
  V decode(byte[] bytes);
}
