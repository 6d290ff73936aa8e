package io.stratacache.rest;

import jakarta.json.JsonException;

/**
 * A request body that is empty, not UTF-8 or not JSON; {@link ErrorMapper} answers 400 {@code
 * malformed_json} with this message, which says where the text stops being JSON.
 */
public class MalformedBodyException extends JsonException {

  private static final long serialVersionUID = 1L;

  public MalformedBodyException(String detail) {
    super(detail);
  }
}
