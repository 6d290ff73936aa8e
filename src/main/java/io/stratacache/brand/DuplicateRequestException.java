package io.stratacache.brand;

/**
 * An insert met the unique key of a row another transaction inserted meanwhile (a report's request
 * id, a question's text): the caller reads that row and answers with it. Package-private flow.
 */
class DuplicateRequestException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  DuplicateRequestException(String key) {
    super("inserted meanwhile: " + key, null, false, false);
  }
}
