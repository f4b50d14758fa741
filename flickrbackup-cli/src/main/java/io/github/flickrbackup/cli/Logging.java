package io.github.flickrbackup.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.spi.FilterReply;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Sets up logging as the Python tool did: console lines are the bare message on standard error
 * (item ids and warnings; with {@code -v} debug detail too); {@code -l FILE} appends
 * {@code YYYY-MM-DD HH:MM:SS LEVEL message} lines. At a terminal the progress bar replaces
 * the item lines on the console.
 */
final class Logging {
  /** The CLI's own logger: one INFO line per finished item. */
  static final String ITEMS = "flickrbackup";
  /** The end-of-run summary, for the log file only (the console prints it on standard output). */
  static final String SUMMARY = "flickrbackup.summary";

  // Held so that the JDK does not forget the level set on it (java.util.logging keeps weak references).
  private static final java.util.logging.Logger JUL_ROOT = java.util.logging.Logger.getLogger("");

  private Logging() {}

  static void configure(boolean verbose, Path logFile, boolean terminal) throws CliException {
    // MockWebServer (the demo's fake Flickr) and OkHttp log through java.util.logging.
    JUL_ROOT.setLevel(verbose ? java.util.logging.Level.INFO : java.util.logging.Level.WARNING);
    for (java.util.logging.Handler h : JUL_ROOT.getHandlers()) {
      h.setLevel(JUL_ROOT.getLevel());
    }

    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(verbose ? Level.DEBUG : Level.INFO);
    for (String noisy : new String[] {"okhttp3", "mockwebserver3", "org.openqa", "com.flickr4java",
        "com.github.scribejava", "org.sqlite", "io.github.resilience4j"}) {
      context.getLogger(noisy).setLevel(verbose ? Level.INFO : Level.WARN);
    }

    PatternLayoutEncoder bare = encoder(context, "%msg%n");
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(context);
    console.setName("console");
    console.setTarget("System.err");
    console.setEncoder(bare);
    console.addFilter(threshold(context, verbose ? Level.DEBUG : terminal ? Level.WARN : Level.INFO));
    console.addFilter(new Filter<>() {
      @Override
      public FilterReply decide(ILoggingEvent event) {
        return SUMMARY.equals(event.getLoggerName()) ? FilterReply.DENY : FilterReply.NEUTRAL;
      }
    });
    console.start();
    root.addAppender(console);

    if (logFile != null) {
      Path file = logFile.toAbsolutePath();
      if (Files.isDirectory(file)) {
        throw new CliException("log file " + logFile + " is a folder");
      }
      Path parent = file.getParent();
      if (parent != null && !Files.isDirectory(parent)) {
        throw new CliException("cannot write log file " + logFile + ": folder " + parent + " does not exist");
      }
      if (Files.exists(file) && !Files.isWritable(file)) {
        throw new CliException("cannot write log file " + logFile + ": permission denied");
      }
      FileAppender<ILoggingEvent> appender = new FileAppender<>();
      appender.setContext(context);
      appender.setName("file");
      appender.setFile(file.toString());
      appender.setAppend(true);
      appender.setEncoder(encoder(context, "%d{yyyy-MM-dd HH:mm:ss} %level %msg%n"));
      appender.addFilter(threshold(context, verbose ? Level.DEBUG : Level.INFO));
      appender.start();
      if (!appender.isStarted()) {
        throw new CliException("cannot write log file " + logFile);
      }
      root.addAppender(appender);
    }
  }

  /**
   * Logback's configuration before {@link #configure} runs (named in
   * {@code META-INF/services/ch.qos.logback.classic.spi.Configurator}): warnings and errors as bare
   * lines on standard error. Without it, logback's first use (SQLite's loader, at start-up) looks
   * for {@code logback.xml} files and builds a pattern layout that {@link #configure} throws away:
   * tens of milliseconds of a run that may take one second.
   */
  public static final class StartConfigurator extends ContextAwareBase implements Configurator {
    @Override
    public ExecutionStatus configure(LoggerContext context) {
      Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
      root.setLevel(Level.WARN);
      AppenderBase<ILoggingEvent> console = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
          System.err.println(event.getFormattedMessage());
        }
      };
      console.setContext(context);
      console.setName("console");
      console.start();
      root.addAppender(console);
      return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
  }

  /** Flushes and closes the appenders (the log file) before the program exits. */
  static void stop() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      context.stop();
    }
  }

  private static PatternLayoutEncoder encoder(LoggerContext context, String pattern) {
    PatternLayoutEncoder e = new PatternLayoutEncoder();
    e.setContext(context);
    e.setPattern(pattern);
    e.setCharset(StandardCharsets.UTF_8);
    e.start();
    return e;
  }

  private static ThresholdFilter threshold(LoggerContext context, Level level) {
    ThresholdFilter f = new ThresholdFilter();
    f.setContext(context);
    f.setLevel(level.toString());
    f.start();
    return f;
  }
}
