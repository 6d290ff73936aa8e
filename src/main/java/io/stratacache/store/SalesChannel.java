package io.stratacache.store;

/** Where an order was placed. */
public enum SalesChannel {
  IN_STORE,
  PICKUP,
  DELIVERY,
  MINI_PROGRAM
}
