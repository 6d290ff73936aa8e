package io.stratacache.ai;

import io.stratacache.platform.Throwables;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

/**
 * One attempt at a chat completion, guarded by MicroProfile Fault Tolerance: a {@link Timeout} per
 * call, a {@link CircuitBreaker} over the calls' outcomes (a refusal for good, {@link
 * UpstreamRejectedException}, counts as a success: the upstream answered) and a {@link Bulkhead}
 * bounding the calls under way on this instance. Every value is overridable through the Fault
 * Tolerance keys {@code io.stratacache.ai.UpstreamCall/complete/<Annotation>/<member>}. Retries are
 * {@link UpstreamRetry}'s, around this method, so each attempt is judged by the breaker.
 *
 * <p>Failures are {@link UpstreamException}s: 429 ({@code RATE_LIMITED}, with its {@code
 * Retry-After}), 5xx and connection failures ({@code UNAVAILABLE}), a read timeout of the HTTP
 * client ({@code TIMEOUT}), another 4xx or an answer without a completion ({@link
 * UpstreamRejectedException}). Thread-safe.
 */
@ApplicationScoped
public class UpstreamCall {

  @Inject AiSettings settings;

  @Inject Clock clock;

  private ChatCompletionsApi api;
  private String authorization;

  @PostConstruct
  void open() {
    if (settings.mock()) {
      return;
    }
    long timeout = Math.max(1, settings.callTimeout().toMillis());
    api =
        RestClientBuilder.newBuilder()
            .baseUri(URI.create(settings.baseUrl()))
            .connectTimeout(Math.min(timeout, 10_000), TimeUnit.MILLISECONDS)
            .readTimeout(timeout, TimeUnit.MILLISECONDS)
            .property("microprofile.rest.client.disable.default.mapper", true)
            .build(ChatCompletionsApi.class);
    authorization = "Bearer " + settings.apiKey().orElseThrow();
  }

  @PreDestroy
  void close() {
    if (api instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception ignored) {
        // closing the client frees its connections; nothing to do if that fails
      }
    }
  }

  /**
   * Asks the upstream for one completion.
   *
   * @throws UpstreamException when no completion came back
   * @throws IllegalStateException in mock mode (no client)
   */
  @Timeout(30000)
  @CircuitBreaker(
      requestVolumeThreshold = 10,
      failureRatio = 0.5,
      delay = 30000,
      successThreshold = 1,
      skipOn = UpstreamRejectedException.class)
  @Bulkhead(10)
  public Completion complete(GenerationParameters parameters, ChatPrompt prompt) {
    if (api == null) {
      throw new IllegalStateException("no OPENAI_API_KEY: the mock generator answers");
    }
    String body = requestBody(parameters, prompt);
    Response response;
    try {
      response = api.complete(authorization, body);
    } catch (WebApplicationException e) {
      response = e.getResponse();
    } catch (ProcessingException e) {
      throw failure(e);
    }
    try (Response r = response) {
      int status = r.getStatus();
      String text = r.hasEntity() ? r.readEntity(String.class) : "";
      if (status == 429) {
        throw new UpstreamException(
            UpstreamException.Kind.RATE_LIMITED,
            429,
            retryAfter(r.getHeaderString("Retry-After"), clock),
            "the upstream answered 429 Too Many Requests");
      }
      if (status >= 500) {
        throw new UpstreamException(
            UpstreamException.Kind.UNAVAILABLE,
            status,
            retryAfter(r.getHeaderString("Retry-After"), clock),
            "the upstream answered " + status);
      }
      if (status < 200 || status >= 300) {
        throw new UpstreamRejectedException(
            status, "the upstream refused the request with " + status + ": " + excerpt(text));
      }
      return parse(text, parameters.model());
    } catch (ProcessingException e) {
      throw failure(e);
    }
  }

  static String requestBody(GenerationParameters p, ChatPrompt prompt) {
    var messages = Json.createArrayBuilder();
    if (!prompt.system().isBlank()) {
      messages.add(
          Json.createObjectBuilder().add("role", "system").add("content", prompt.system()));
    }
    messages.add(Json.createObjectBuilder().add("role", "user").add("content", prompt.user()));
    JsonObjectBuilder body =
        Json.createObjectBuilder()
            .add("model", p.model())
            .add("messages", messages)
            .add("temperature", p.temperature())
            .add("max_tokens", p.maxTokens());
    if (p.topP() != null) {
      body.add("top_p", p.topP());
    }
    if (p.seed() != null) {
      body.add("seed", p.seed());
    }
    return body.build().toString();
  }

  static Completion parse(String text, String requestedModel) {
    JsonObject root;
    try (JsonReader reader = Json.createReader(new StringReader(text))) {
      root = reader.readObject();
    } catch (JsonException | IllegalStateException e) {
      throw new UpstreamRejectedException(200, "the upstream's answer is not a JSON object");
    }
    JsonArray choices = root.getJsonArray("choices");
    if (choices == null || choices.isEmpty() || !(choices.get(0) instanceof JsonObject first)) {
      throw new UpstreamRejectedException(200, "the upstream's answer has no choices");
    }
    JsonObject message = first.getJsonObject("message");
    JsonValue content = message == null ? null : message.get("content");
    if (content == null || content.getValueType() != JsonValue.ValueType.STRING) {
      throw new UpstreamRejectedException(200, "the upstream's answer has no message content");
    }
    JsonObject usage = root.get("usage") instanceof JsonObject u ? u : JsonValue.EMPTY_JSON_OBJECT;
    String model = root.get("model") instanceof jakarta.json.JsonString s ? s.getString() : null;
    return new Completion(
        message.getString("content"),
        model == null || model.isBlank() ? requestedModel : model,
        number(usage, "prompt_tokens"),
        number(usage, "completion_tokens"));
  }

  private static long number(JsonObject o, String name) {
    return o.get(name) instanceof JsonNumber n ? Math.max(0, n.longValue()) : 0;
  }

  private static UpstreamException failure(ProcessingException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SocketTimeoutException
          || t instanceof java.net.http.HttpTimeoutException
          || t.getClass().getSimpleName().contains("Timeout")) {
        return new UpstreamException(
            UpstreamException.Kind.TIMEOUT, 0, null, "the upstream did not answer in time");
      }
      if (t.getCause() == t) {
        break;
      }
    }
    Throwable root = Throwables.rootCause(e);
    return new UpstreamException(
        UpstreamException.Kind.UNAVAILABLE,
        0,
        null,
        "cannot reach the upstream: " + root.getClass().getSimpleName());
  }

  /**
   * A {@code Retry-After} value as a duration: whole seconds, or an HTTP date (then the time until
   * it, 0 if past); null for none or an unreadable value.
   */
  static Duration retryAfter(String header, Clock clock) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String v = header.strip();
    if (v.chars().allMatch(Character::isDigit) && v.length() <= 9) {
      return Duration.ofSeconds(Long.parseLong(v));
    }
    try {
      ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
      Duration d = Duration.between(clock.instant(), at.toInstant());
      return d.isNegative() ? Duration.ZERO : d;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String excerpt(String text) {
    String t = text == null ? "" : text.strip().replaceAll("\\s+", " ");
    return t.length() > 200 ? t.substring(0, 200) + "…" : t;
  }
}
