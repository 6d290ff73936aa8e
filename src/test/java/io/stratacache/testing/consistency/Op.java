package io.stratacache.testing.consistency;

/**
 * One operation of a history, as a client saw it: who ran it where, on which key, what it wrote or
 * read, and when it started and ended (nanoseconds on one monotonic clock shared by all clients).
 *
 * @param client the client's number; a client runs one operation at a time
 * @param instance where the client sends its requests (for the report)
 * @param path how a read was served (for example {@code annotated} or {@code response}); for a
 *     write, the endpoint
 * @param value the value written, or the value a read returned (null for a failed read)
 * @param outcome {@link Outcome#OK} acknowledged, {@link Outcome#FAILED} refused (it took no
 *     effect), {@link Outcome#UNKNOWN} no answer (a write may or may not have taken effect)
 */
public record Op(
    int client,
    String instance,
    Kind kind,
    String path,
    String key,
    String value,
    long start,
    long end,
    Outcome outcome) {

  /** A write sets the key's value; a read returns it. */
  public enum Kind {
    WRITE,
    READ
  }

  /** What the client learnt of the operation's effect. */
  public enum Outcome {
    OK,
    FAILED,
    UNKNOWN
  }

  public Op {
    if (end < start) {
      throw new IllegalArgumentException(
          "an operation ends before it starts: " + start + ">" + end);
    }
  }

  static Op write(int client, String key, String value, long start, long end, Outcome outcome) {
    return new Op(client, "i", Kind.WRITE, "put", key, value, start, end, outcome);
  }

  static Op read(int client, String key, String value, long start, long end) {
    return new Op(client, "i", Kind.READ, "get", key, value, start, end, Outcome.OK);
  }

  @Override
  public String toString() {
    return String.format(
        java.util.Locale.ROOT,
        "client %d@%s %s %s %s=%s [%.3f s .. %.3f s] %s",
        client,
        instance,
        kind,
        path,
        key,
        value,
        start / 1e9,
        end / 1e9,
        outcome);
  }
}
