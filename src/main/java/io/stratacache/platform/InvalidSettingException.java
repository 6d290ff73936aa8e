package io.stratacache.platform;

/**
 * A configuration setting (an environment variable or MicroProfile Config property) has a value
 * that cannot be used. The message is one line, {@code NAME='value': what is wrong}, and the
 * exception carries no stack trace and no cause: the line says everything an operator needs, so a
 * log of it (or of a deployment it stops) shows that line and not a trace.
 */
public class InvalidSettingException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String setting;

  /**
   * @param setting the setting's name, such as {@code WARMUP_SCHEDULE}
   * @param value its value as given (trimmed)
   * @param mistake what is wrong with it, such as {@code must be an integer}
   */
  public InvalidSettingException(String setting, String value, String mistake) {
    this(setting, setting + "='" + value + "': " + mistake);
  }

  private InvalidSettingException(String setting, String line) {
    super(line);
    this.setting = setting;
  }

  /**
   * Wraps a refusal whose message already has the form {@code NAME='value': what is wrong} (or
   * {@code NAME: what is wrong}), such as the tiered cache's for a {@code cache.<name>.<key>}.
   */
  public static InvalidSettingException of(String line) {
    int end = line.length();
    for (char c : new char[] {'=', ':'}) {
      int i = line.indexOf(c);
      if (i > 0 && i < end) {
        end = i;
      }
    }
    return new InvalidSettingException(line.substring(0, end), line);
  }

  /** The setting's name. */
  public String setting() {
    return setting;
  }

  /** No stack trace: the message names the setting, its value and the mistake. */
  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
