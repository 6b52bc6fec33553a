package registry.http.jdk.internal.config;

/** A configuration value that cannot be used; the message names its key. */
public final class ConfigException extends Exception {

  private static final long serialVersionUID = 1L;

  private final String key;

  /**
   * @param key the dotted key, such as {@code http.addr}
   * @param problem what is wrong with its value
   */
  public ConfigException(String key, String problem) {
    this(key, problem, true);
  }

  private ConfigException(String key, String message, boolean prefixKey) {
    super(prefixKey ? key + ": " + message : message);
    this.key = key;
  }

  /** A key nobody defines; {@code message} names it already, and the nearest valid key. */
  static ConfigException unknownKey(String key, String message) {
    return new ConfigException(key, message, false);
  }

  /** The dotted key whose value is refused. */
  public String key() {
    return key;
  }
}
