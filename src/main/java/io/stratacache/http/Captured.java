package io.stratacache.http;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;

/**
 * A backend answer held in memory: status, headers in order, body. {@code spilled} means it grew
 * past the rule's body limit (or used sendError) and has already been streamed to the client.
 */
record Captured(int status, List<String> names, List<String> values, byte[] body, boolean spilled) {

  /** Writes it to {@code res} with {@code X-Cache: xcache}; nothing if it was spilled. */
  void writeTo(HttpServletResponse res, String xcache, boolean head) throws IOException {
    if (spilled) {
      return;
    }
    res.setStatus(status);
    for (int i = 0; i < names.size(); i++) {
      String n = names.get(i);
      if (n.equalsIgnoreCase("content-type")) {
        res.setContentType(values.get(i));
      } else if (!n.equalsIgnoreCase("content-length")
          && !n.equalsIgnoreCase("transfer-encoding")
          && !n.equalsIgnoreCase("connection")) {
        res.addHeader(n, values.get(i));
      }
    }
    res.setHeader("X-Cache", xcache);
    res.setContentLength(body.length);
    if (!head && body.length > 0) {
      res.getOutputStream().write(body);
    }
  }

  /** The first value of {@code name}, case-insensitive, or null. */
  String header(String name) {
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).equalsIgnoreCase(name)) {
        return values.get(i);
      }
    }
    return null;
  }
}
