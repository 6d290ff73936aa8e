package io.stratacache.ai;

/**
 * The upstream refused the request for good (a 4xx other than 429, or a malformed answer): it is
 * not retried and does not count against the circuit breaker, since the upstream itself is well.
 */
public class UpstreamRejectedException extends UpstreamException {

  private static final long serialVersionUID = 1L;

  public UpstreamRejectedException(int upstreamStatus, String message) {
    super(Kind.REJECTED, upstreamStatus, null, message);
  }
}
