package io.stratacache.ai;

import java.time.Duration;

/**
 * A generation that the upstream did not deliver. {@link #kind()} says why and decides both whether
 * another attempt may help ({@link Kind#retryable}) and the answer to the caller: 504 for a
 * timeout, 503 with {@code Retry-After} when the upstream is rate-limiting, the circuit breaker is
 * open or too many calls are under way, 502 otherwise. Never cached.
 */
public class UpstreamException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Why a generation failed. */
  public enum Kind {
    /** No answer within the per-call timeout. Retried. */
    TIMEOUT(true, 504, "upstream_timeout"),
    /** A connection failure or a 5xx answer. Retried. */
    UNAVAILABLE(true, 502, "upstream_error"),
    /** 429 Too Many Requests. Retried, after at least its Retry-After. */
    RATE_LIMITED(true, 503, "upstream_rate_limited"),
    /** Another 4xx, or a 2xx body that is not a chat completion. Never retried. */
    REJECTED(false, 502, "upstream_rejected"),
    /** The circuit breaker is open: no call was made. */
    BREAKER_OPEN(false, 503, "upstream_unavailable"),
    /** The bulkhead is full: too many upstream calls under way on this instance. */
    BUSY(false, 503, "upstream_busy");

    private final boolean retryable;
    private final int status;
    private final String code;

    Kind(boolean retryable, int status, String code) {
      this.retryable = retryable;
      this.status = status;
      this.code = code;
    }

    public boolean retryable() {
      return retryable;
    }

    /** The HTTP status of the answer to the caller. */
    public int status() {
      return status;
    }

    /** The {@code error} code of the answer to the caller. */
    public String code() {
      return code;
    }
  }

  private final Kind kind;
  private final int upstreamStatus;
  private final transient Duration retryAfter;

  public UpstreamException(Kind kind, int upstreamStatus, Duration retryAfter, String message) {
    super(message);
    this.kind = kind;
    this.upstreamStatus = upstreamStatus;
    this.retryAfter = retryAfter;
  }

  public Kind kind() {
    return kind;
  }

  /** The upstream's HTTP status, or 0 when it gave none. */
  public int upstreamStatus() {
    return upstreamStatus;
  }

  /** How long the caller should wait before trying again, or null if nobody said. */
  public Duration retryAfter() {
    return retryAfter;
  }

  /** This failure with another kind, message kept. */
  UpstreamException as(Kind other, Duration retryAfter) {
    return new UpstreamException(other, upstreamStatus, retryAfter, getMessage());
  }
}
