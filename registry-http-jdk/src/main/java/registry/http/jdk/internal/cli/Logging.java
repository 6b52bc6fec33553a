package registry.http.jdk.internal.cli;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import registry.http.jdk.internal.config.Config;

/**
 * Sets up {@code java.util.logging}, the backend of {@link System.Logger} here, for the server:
 * one line per record on stderr, at {@code log.level}. Left alone when the operator configured
 * it ({@code -Djava.util.logging.config.file}).
 */
final class Logging {

  private static final String FORMAT = "java.util.logging.SimpleFormatter.format";

  /** Held: JUL keeps loggers weakly, and a collected logger forgets its level. */
  private static Logger registryLoggers;

  private Logging() {}

  /** Before any logger exists: the JDK's default format spreads each record over two lines. */
  static void prepare() {
    if (System.getProperty(FORMAT) == null) {
      System.setProperty(FORMAT, "%1$tFT%1$tT.%1$tL%1$tz %4$s %3$s: %5$s%6$s%n");
    }
  }

  static void configure(Config.Log log) {
    if (System.getProperty("java.util.logging.config.file") != null
        || System.getProperty("java.util.logging.config.class") != null) {
      return;
    }
    Level level = jul(log.level());
    // The JDK's own loggers stay at INFO even at debug: their FINE output drowns ours.
    Logger root = Logger.getLogger("");
    root.setLevel(level.intValue() > Level.INFO.intValue() ? level : Level.INFO);
    for (Handler h : root.getHandlers()) {
      h.setLevel(level);
    }
    registryLoggers = Logger.getLogger("registry");
    registryLoggers.setLevel(level);
  }

  private static Level jul(System.Logger.Level level) {
    switch (level) {
      case ERROR: return Level.SEVERE;
      case WARNING: return Level.WARNING;
      case DEBUG: return Level.FINE;
      case TRACE: return Level.FINER;
      default: return Level.INFO;
    }
  }
}
