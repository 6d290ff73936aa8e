package io.stratacache.ai;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The canonical text of a JSON value, so that equal data gives equal cache keys: object members in
 * code-point order of their names, no whitespace between tokens, numbers by value ({@code 1},
 * {@code 1.0}, {@code 1e0} and {@code 10E-1} are all {@code 1}; {@code -0} is {@code 0}), strings
 * escaped the one way JSON requires (quote, backslash and control characters only), string values
 * without leading and trailing white space (the prompt renderer drops it too, so it never reaches
 * the model). Spaces inside a string and the order of arrays are kept as sent: they can change the
 * generated text. Stateless.
 */
final class CanonicalJson {

  private CanonicalJson() {}

  /** The canonical text of {@code value}. */
  static String of(JsonValue value) {
    StringBuilder out = new StringBuilder();
    write(value, out);
    return out.toString();
  }

  /** The canonical text of a number: its value, plain, without trailing zeros. */
  static String number(BigDecimal n) {
    if (n.signum() == 0) {
      return "0";
    }
    return n.stripTrailingZeros().toPlainString();
  }

  private static void write(JsonValue value, StringBuilder out) {
    switch (value.getValueType()) {
      case OBJECT -> {
        JsonObject object = value.asJsonObject();
        List<String> names = new ArrayList<>(object.keySet());
        Collections.sort(names);
        out.append('{');
        for (int i = 0; i < names.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          string(names.get(i), out);
          out.append(':');
          write(object.get(names.get(i)), out);
        }
        out.append('}');
      }
      case ARRAY -> {
        JsonArray array = value.asJsonArray();
        out.append('[');
        for (int i = 0; i < array.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          write(array.get(i), out);
        }
        out.append(']');
      }
      case STRING -> string(((JsonString) value).getString().strip(), out);
      case NUMBER -> out.append(number(((JsonNumber) value).bigDecimalValue()));
      case TRUE -> out.append("true");
      case FALSE -> out.append("false");
      case NULL -> out.append("null");
    }
  }

  static void string(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
