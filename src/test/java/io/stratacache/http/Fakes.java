package io.stratacache.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Servlet request and response stand-ins backed by maps, for the engine's unit tests. */
final class Fakes {

  private Fakes() {}

  /** A request: method, path, query, headers (names as given), caller. */
  static HttpServletRequest request(
      String method, String path, String query, Map<String, String> headers, String caller) {
    Map<String, String> low = new LinkedHashMap<>();
    headers.forEach((k, v) -> low.put(k.toLowerCase(), v));
    return (HttpServletRequest)
        Proxy.newProxyInstance(
            Fakes.class.getClassLoader(),
            new Class<?>[] {HttpServletRequest.class},
            (p, m, a) ->
                switch (m.getName()) {
                  case "getMethod" -> method;
                  case "getRequestURI" -> path;
                  case "getContextPath" -> "";
                  case "getQueryString" -> query;
                  case "getHeader" -> low.get(((String) a[0]).toLowerCase());
                  case "getHeaders" -> {
                    String v = low.get(((String) a[0]).toLowerCase());
                    yield Collections.enumeration(v == null ? List.of() : List.of(v));
                  }
                  case "getHeaderNames" -> Collections.enumeration(low.keySet());
                  case "getUserPrincipal" -> caller == null ? null : (Principal) () -> caller;
                  case "getServerName" -> "localhost";
                  case "getServerPort" -> 8080;
                  case "getScheme" -> "http";
                  case "getLocalPort" -> 8080;
                  case "getInputStream" -> emptyBody();
                  case "hashCode" -> System.identityHashCode(p);
                  case "equals" -> p == a[0];
                  default -> null;
                });
  }

  private static jakarta.servlet.ServletInputStream emptyBody() {
    return new jakarta.servlet.ServletInputStream() {
      @Override
      public boolean isFinished() {
        return true;
      }

      @Override
      public boolean isReady() {
        return true;
      }

      @Override
      public void setReadListener(jakarta.servlet.ReadListener listener) {}

      @Override
      public int read() {
        return -1;
      }
    };
  }

  /** A response that records what is written. */
  static final class Answer {
    int status = 200;
    final Map<String, List<String>> headers = new LinkedHashMap<>();
    final ByteArrayOutputStream body = new ByteArrayOutputStream();

    String header(String name) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          return e.getValue().get(0);
        }
      }
      return null;
    }

    String body() {
      return body.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    String xcache() {
      return header("X-Cache");
    }

    HttpServletResponse response() {
      ServletOutputStream out =
          new ServletOutputStream() {
            @Override
            public void write(int b) {
              body.write(b);
            }

            @Override
            public boolean isReady() {
              return true;
            }

            @Override
            public void setWriteListener(WriteListener l) {}
          };
      return (HttpServletResponse)
          Proxy.newProxyInstance(
              Fakes.class.getClassLoader(),
              new Class<?>[] {HttpServletResponse.class},
              (p, m, a) -> {
                switch (m.getName()) {
                  case "setStatus" -> status = (Integer) a[0];
                  case "getStatus" -> {
                    return status;
                  }
                  case "setHeader" -> {
                    remove((String) a[0]);
                    headers
                        .computeIfAbsent((String) a[0], k -> new ArrayList<>())
                        .add((String) a[1]);
                  }
                  case "addHeader" ->
                      headers
                          .computeIfAbsent((String) a[0], k -> new ArrayList<>())
                          .add((String) a[1]);
                  case "setContentType" -> {
                    remove("Content-Type");
                    headers
                        .computeIfAbsent("Content-Type", k -> new ArrayList<>())
                        .add((String) a[0]);
                  }
                  case "getHeader" -> {
                    return header((String) a[0]);
                  }
                  case "getOutputStream" -> {
                    return out;
                  }
                  case "sendError" -> status = (Integer) a[0];
                  case "isCommitted" -> {
                    return false;
                  }
                  case "hashCode" -> {
                    return System.identityHashCode(p);
                  }
                  default -> {}
                }
                return null;
              });
    }

    private void remove(String name) {
      headers.keySet().removeIf(k -> k.equalsIgnoreCase(name));
    }
  }

  /** A backend: counts its calls and answers with a body and headers. */
  static final class Backend {
    int calls;
    int status = 200;
    String body = "{\"n\":1}";
    Map<String, String> headers = new LinkedHashMap<>();
    java.util.function.Function<HttpServletRequest, String> bodyOf;

    FilterChain chain() {
      return (req, res) -> {
        calls++;
        HttpServletResponse r = (HttpServletResponse) res;
        r.setStatus(status);
        r.setContentType("application/json");
        headers.forEach(r::addHeader);
        String b = bodyOf == null ? body : bodyOf.apply((HttpServletRequest) req);
        r.getOutputStream().write(b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      };
    }
  }
}
