package io.stratacache.cache.cluster;

import io.stratacache.testing.Http;
import io.stratacache.testing.consistency.Op;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * The workload of the consistency checker: clients, each bound to one instance, run a bounded mix
 * of brand category updates ({@code PUT /api/v1/brands/{name}}, 30% of the operations in the first
 * half of every 3 s, none in the second) and reads of the category through the annotated endpoint
 * ({@code GET /api/v1/brands/{name}}, cache {@code brand}) and through the response cache ({@code
 * GET /api/v1/brands/{name}/stats}) on a few brands, one operation at a time, recording each with
 * its start, end and result. An instance that is down (its target empty) is skipped by its clients
 * until it is back.
 */
final class ConsistencyRun {

  static final double WRITE_SHARE = 0.3;

  /** A cycle of writes and reads, then reads only. */
  static final long CYCLE_MILLIS = 3_000;

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final List<String> keys;
  private final String adminToken;
  private final Duration timeout;
  private final long origin = System.nanoTime();
  private final ConcurrentLinkedQueue<Op> ops = new ConcurrentLinkedQueue<>();

  /**
   * @param keys the brand names
   * @param adminToken the {@code Authorization} value for writes (valid on every instance)
   * @param timeout how long one request may take before it counts as unanswered
   */
  ConsistencyRun(List<String> keys, String adminToken, Duration timeout) {
    this.keys = List.copyOf(keys);
    this.adminToken = adminToken;
    this.timeout = timeout;
  }

  /** Nanoseconds since the run was made: the clock of every recorded operation. */
  long now() {
    return System.nanoTime() - origin;
  }

  /** Every operation recorded so far. */
  List<Op> history() {
    return new ArrayList<>(ops);
  }

  /**
   * One client's loop until {@code untilNanos} (on {@link #now()}): a fixed seed per client, so the
   * mix is reproducible.
   */
  Runnable client(
      int number, String instance, AtomicReference<Http> target, LongSupplier untilNanos) {
    return () -> {
      Random random = new Random(1000L + number);
      int seq = 0;
      while (now() < untilNanos.getAsLong()) {
        Http http = target.get();
        if (http == null) {
          pause(100);
          continue;
        }
        String key = keys.get(random.nextInt(keys.size()));
        Op op;
        if (!quiet() && random.nextDouble() < WRITE_SHARE) {
          op = write(number, instance, http, key, "c" + number + "-" + (++seq));
        } else {
          op = read(number, instance, http, key, random.nextBoolean() ? "annotated" : "response");
        }
        ops.add(op);
        if (op.outcome() != Op.Outcome.OK) {
          pause(100);
        }
      }
    };
  }

  /**
   * Whether the run is in a read-only phase: the second half of every {@value #CYCLE_MILLIS} ms.
   * With writes all the time, a stale value left in a tier is overwritten within milliseconds and
   * never outlives the bound; in the quiet phases it would be read for a whole phase.
   */
  boolean quiet() {
    return (now() / 1_000_000L) % CYCLE_MILLIS >= CYCLE_MILLIS / 2;
  }

  Op write(int client, String instance, Http http, String key, String value) {
    long start = now();
    try {
      HttpResponse<String> r =
          CLIENT.send(
              HttpRequest.newBuilder(http.uri("/api/v1/brands/" + Http.segment(key)))
                  .timeout(timeout)
                  .header("Content-Type", "application/json")
                  .header("Authorization", adminToken)
                  .PUT(HttpRequest.BodyPublishers.ofString("{\"category\":\"" + value + "\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      Op.Outcome outcome =
          r.statusCode() == 200
              ? Op.Outcome.OK
              : r.statusCode() < 500 ? Op.Outcome.FAILED : Op.Outcome.UNKNOWN;
      return new Op(client, instance, Op.Kind.WRITE, "put", key, value, start, now(), outcome);
    } catch (ConnectException e) {
      return new Op(
          client, instance, Op.Kind.WRITE, "put", key, value, start, now(), Op.Outcome.FAILED);
    } catch (IOException e) {
      return new Op(
          client, instance, Op.Kind.WRITE, "put", key, value, start, now(), Op.Outcome.UNKNOWN);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Op(
          client, instance, Op.Kind.WRITE, "put", key, value, start, now(), Op.Outcome.UNKNOWN);
    }
  }

  /** A read of the key's category through {@code path}: {@code annotated} or {@code response}. */
  Op read(int client, String instance, Http http, String key, String path) {
    String uri = "/api/v1/brands/" + Http.segment(key) + (path.equals("response") ? "/stats" : "");
    long start = now();
    String value = null;
    String via = path;
    try {
      HttpResponse<String> r =
          CLIENT.send(
              HttpRequest.newBuilder(http.uri(uri)).timeout(timeout).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      // how the response cache answered (HIT, MISS...) and the entry's age: a violation's history
      // then tells a stored answer from one this very request filled
      String cache = r.headers().firstValue("X-Cache").orElse(null);
      if (cache != null) {
        via = path + ":" + cache + r.headers().firstValue("Age").map(a -> "/age=" + a).orElse("");
      }
      if (r.statusCode() == 200) {
        try (JsonReader reader = Json.createReader(new StringReader(r.body()))) {
          JsonObject o = reader.readObject();
          value = o.getString("category");
        }
      }
    } catch (IOException e) {
      // unanswered: a failed read, ignored by the checker
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return new Op(
        client,
        instance,
        Op.Kind.READ,
        via,
        key,
        value,
        start,
        now(),
        value == null ? Op.Outcome.FAILED : Op.Outcome.OK);
  }

  static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
