package io.stratacache.ai;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A scriptable OpenAI-compatible upstream on loopback: each call takes the next scripted reply
 * (status, Retry-After, delay), or succeeds after {@link #defaultDelayMillis} when the script is
 * empty. It counts calls and answers a completion naming its call number.
 */
final class StubUpstream implements AutoCloseable {

  record Reply(int status, String retryAfter, long delayMillis) {}

  final HttpServer server;
  final AtomicInteger calls = new AtomicInteger();
  final AtomicLong defaultDelayMillis = new AtomicLong();
  final ConcurrentLinkedDeque<Reply> script = new ConcurrentLinkedDeque<>();
  volatile String lastBody = "";

  StubUpstream() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
    server.setExecutor(Executors.newFixedThreadPool(32));
    server.createContext(
        "/v1/chat/completions",
        exchange -> {
          int n = calls.incrementAndGet();
          lastBody = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          Reply reply = script.pollFirst();
          long delay = reply == null ? defaultDelayMillis.get() : reply.delayMillis();
          if (delay > 0) {
            try {
              Thread.sleep(delay);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          int status = reply == null ? 200 : reply.status();
          String body =
              status == 200
                  ? "{\"id\":\"c"
                      + n
                      + "\",\"model\":\"stub-model\",\"choices\":[{\"index\":0,\"message\":"
                      + "{\"role\":\"assistant\",\"content\":\"stub answer "
                      + n
                      + "\"}}],\"usage\":{\"prompt_tokens\":40,\"completion_tokens\":60}}"
                  : "{\"error\":{\"message\":\"scripted " + status + "\"}}";
          if (reply != null && reply.retryAfter() != null) {
            exchange.getResponseHeaders().add("Retry-After", reply.retryAfter());
          }
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          try {
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(bytes);
            }
          } catch (IOException closedByClient) {
            // the client timed out and left
          } finally {
            exchange.close();
          }
        });
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  void reset() {
    script.clear();
    defaultDelayMillis.set(0);
    calls.set(0);
  }

  void then(int status, String retryAfter) {
    script.addLast(new Reply(status, retryAfter, 0));
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
