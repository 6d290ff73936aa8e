package io.stratacache.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A compiled path pattern: a glob over '/'-separated segments where {@code *} matches within one
 * segment (no '/'), {@code **} (a whole segment) matches any number of segments including none, and
 * {@code {name}} matches one non-empty segment and captures it for tags such as {@code
 * brand:{name}}. Everything else is literal. A pattern must start with '/' and its first segment
 * must be literal (no pattern covers the whole application). Immutable and thread-safe.
 */
final class PathPattern {

  /** Longest accepted pattern. */
  static final int MAX_LENGTH = 256;

  private static final Pattern VARIABLE = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]{0,31})\\}");

  private final String text;
  private final String literalPrefix;
  private final Pattern regex;
  private final List<String> variables;
  private final boolean exact;
  private final int literalChars;
  private final int deepWildcards;

  private PathPattern(
      String text,
      String literalPrefix,
      Pattern regex,
      List<String> variables,
      boolean exact,
      int literalChars,
      int deepWildcards) {
    this.text = text;
    this.literalPrefix = literalPrefix;
    this.regex = regex;
    this.variables = variables;
    this.exact = exact;
    this.literalChars = literalChars;
    this.deepWildcards = deepWildcards;
  }

  /**
   * Compiles {@code text}.
   *
   * @throws IllegalArgumentException naming what is wrong: empty, too long, not starting with '/',
   *     an unbounded first segment, {@code **} inside a segment, a malformed variable, characters
   *     outside the URL path set
   */
  static PathPattern compile(String text) {
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException("pattern is required, e.g. /api/v1/brands/**");
    }
    if (text.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("pattern is longer than " + MAX_LENGTH + " characters");
    }
    if (!text.startsWith("/")) {
      throw new IllegalArgumentException("pattern must start with '/', was '" + text + "'");
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c <= ' ' || c >= 127 || c == '?' || c == '#' || c == '\\' || c == ',') {
        throw new IllegalArgumentException(
            "pattern has a character not allowed in a path pattern at " + i + ": '" + text + "'");
      }
    }
    String[] segments = text.substring(1).split("/", -1);
    if (segments[0].isEmpty() || segments[0].contains("*") || segments[0].contains("{")) {
      throw new IllegalArgumentException(
          "pattern is unbounded: its first segment must be literal (e.g. /api/...), was '"
              + text
              + "'");
    }
    StringBuilder re = new StringBuilder();
    StringBuilder prefix = new StringBuilder();
    boolean literalSoFar = true;
    List<String> vars = new ArrayList<>();
    int literal = 0;
    int deep = 0;
    for (int s = 0; s < segments.length; s++) {
      String seg = segments[s];
      if (seg.equals("**")) {
        deep++;
        literalSoFar = false;
        // "/**" matches "", "/x", "/x/y"...
        re.append("(?:/.*)?");
        continue;
      }
      if (seg.contains("**")) {
        throw new IllegalArgumentException(
            "'**' must be a whole segment (/a/**/b), was '" + text + "'");
      }
      re.append('/');
      if (literalSoFar) {
        prefix.append('/');
      }
      Matcher m = VARIABLE.matcher(seg);
      int at = 0;
      while (at < seg.length()) {
        char c = seg.charAt(at);
        if (c == '{') {
          if (!m.find(at) || m.start() != at) {
            throw new IllegalArgumentException(
                "malformed variable in pattern (use {name}), was '" + text + "'");
          }
          String name = m.group(1);
          if (vars.contains(name)) {
            throw new IllegalArgumentException("variable {" + name + "} appears twice");
          }
          vars.add(name);
          re.append("([^/]+)");
          literalSoFar = false;
          at = m.end();
        } else if (c == '}') {
          throw new IllegalArgumentException(
              "malformed variable in pattern (use {name}), was '" + text + "'");
        } else if (c == '*') {
          re.append("[^/]*");
          literalSoFar = false;
          at++;
        } else {
          re.append(Pattern.quote(String.valueOf(c)));
          if (literalSoFar) {
            prefix.append(c);
          }
          literal++;
          at++;
        }
      }
    }
    boolean exact = vars.isEmpty() && literalSoFar;
    return new PathPattern(
        text,
        prefix.toString(),
        Pattern.compile(re.toString()),
        List.copyOf(vars),
        exact,
        literal,
        deep);
  }

  /** The pattern as written. */
  String text() {
    return text;
  }

  /** Whether {@code path} matches; cheap for most misses (a literal prefix test first). */
  boolean matches(String path) {
    if (exact) {
      return path.equals(text);
    }
    return path.startsWith(literalPrefix) && regex.matcher(path).matches();
  }

  /**
   * The variables captured from {@code path}, or null if it does not match.
   *
   * @return variable name → segment as it appears in the path (still percent-encoded)
   */
  Map<String, String> capture(String path) {
    Matcher m = regex.matcher(path);
    if (!m.matches()) {
      return null;
    }
    if (variables.isEmpty()) {
      return Map.of();
    }
    Map<String, String> out = new java.util.LinkedHashMap<>();
    for (int i = 0; i < variables.size(); i++) {
      out.put(variables.get(i), m.group(i + 1));
    }
    return out;
  }

  /** The captured variable names, in order. */
  List<String> variables() {
    return variables;
  }

  /**
   * The glob of the response cache's keys for this path pattern ({@code *} any run), see {@link
   * ResponseKeys}: every '*', '**' and variable becomes '*', so it may cover a little more than the
   * pattern (a '*' also crosses '/').
   */
  String keyGlob() {
    String g = VARIABLE.matcher(text).replaceAll("*").replace("/**", "*").replace("**", "*");
    while (g.contains("**")) {
      g = g.replace("**", "*");
    }
    return g + ResponseKeys.SEPARATOR + "*";
  }

  /** Precedence: more literal characters first, then fewer '**'. */
  int literalChars() {
    return literalChars;
  }

  int deepWildcards() {
    return deepWildcards;
  }

  @Override
  public String toString() {
    return text;
  }
}
