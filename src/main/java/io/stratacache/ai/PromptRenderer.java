package io.stratacache.ai;

import io.stratacache.platform.InvalidInputException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills a prompt's {@code {{path}}} placeholders from request data. A path is dot-separated member
 * names ({@code enterprise_info.enterprise_name}); a segment of digits indexes an array. A string
 * is inserted as it is, a number in its canonical form, {@code true}/{@code false} as words, an
 * object or array as canonical JSON. A path that leads nowhere, or to JSON {@code null} or an empty
 * string, is a missing field: rendering refuses with one {@link InvalidInputException} naming every
 * missing field, in the order of the prompt. Stateless.
 */
final class PromptRenderer {

  /** A placeholder: {@code {{ path }}}, spaces around the path allowed. */
  static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.\\-]+)\\s*}}");

  private PromptRenderer() {}

  /**
   * The prompt with every placeholder filled.
   *
   * @param what names the prompt in a refusal, e.g. {@code section 2 of emergency_plan}
   * @throws InvalidInputException if a placeholder's field is missing from {@code data}
   */
  static String render(String prompt, JsonObject data, String what) {
    Matcher m = PLACEHOLDER.matcher(prompt);
    StringBuilder out = new StringBuilder(prompt.length() + 256);
    Set<String> missing = new LinkedHashSet<>();
    while (m.find()) {
      String path = m.group(1);
      JsonValue value = lookup(data, path);
      String text = value == null ? null : text(value);
      if (text == null || text.isEmpty()) {
        missing.add(path);
        m.appendReplacement(out, "");
      } else {
        m.appendReplacement(out, Matcher.quoteReplacement(text));
      }
    }
    m.appendTail(out);
    if (!missing.isEmpty()) {
      throw new InvalidInputException(
          "data is missing "
              + (missing.size() == 1 ? "the field " : "the fields ")
              + String.join(", ", missing)
              + " required by "
              + what);
    }
    return out.toString();
  }

  /** The placeholders' paths of {@code prompt}, in order, each once. */
  static Set<String> fields(String prompt) {
    Set<String> paths = new LinkedHashSet<>();
    Matcher m = PLACEHOLDER.matcher(prompt);
    while (m.find()) {
      paths.add(m.group(1));
    }
    return paths;
  }

  private static JsonValue lookup(JsonObject data, String path) {
    JsonValue current = data;
    for (String segment : path.split("\\.", -1)) {
      if (segment.isEmpty() || current == null) {
        return null;
      }
      switch (current.getValueType()) {
        case OBJECT -> current = current.asJsonObject().get(segment);
        case ARRAY -> {
          if (!segment.chars().allMatch(Character::isDigit) || segment.length() > 6) {
            return null;
          }
          int index = Integer.parseInt(segment);
          var array = current.asJsonArray();
          current = index < array.size() ? array.get(index) : null;
        }
        default -> {
          return null;
        }
      }
    }
    return current;
  }

  private static String text(JsonValue value) {
    return switch (value.getValueType()) {
      case STRING -> ((JsonString) value).getString().strip();
      case NUMBER -> CanonicalJson.number(((JsonNumber) value).bigDecimalValue());
      case TRUE -> "true";
      case FALSE -> "false";
      case NULL -> null;
      case OBJECT, ARRAY -> CanonicalJson.of(value);
    };
  }
}
