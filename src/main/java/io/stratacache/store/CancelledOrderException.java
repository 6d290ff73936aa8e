package io.stratacache.store;

/** A correction of an order that was cancelled: answered 409 {@code order_cancelled}. */
public class CancelledOrderException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CancelledOrderException(long storeId, String clientOrderId) {
    super(
        "order '"
            + clientOrderId
            + "' of store "
            + storeId
            + " is cancelled; it cannot be corrected");
  }
}
