package com.callcentre.events.devstack;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The dev stack's console shows its own progress and the URLs; everything, the libraries'
 * warnings included (Kafka clients report topics that Streams is still creating, transactions
 * being fenced at start-up...), goes to a log file the summary names. A library's ERROR still
 * reaches the console. The services started on their own (containers) keep every line on the
 * console, as logback.xml says.
 */
final class DevStackLogging {
  /** Loggers of libraries whose start-up warnings are routine: file only, unless ERROR. */
  private static final List<String> LIBRARIES = List.of("org.apache.kafka", "kafka", "io.vertx", "io.netty", "org.zeromq");

  private DevStackLogging() {}

  static void alsoWriteTo(Path file) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger - %msg%n");
    encoder.start();
    FileAppender<ILoggingEvent> appender = new FileAppender<>();
    appender.setContext(context);
    appender.setName("dev-stack-file");
    appender.setFile(file.toString());
    appender.setEncoder(encoder);
    appender.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.addAppender(appender);
    Filter<ILoggingEvent> quietLibraries = new Filter<>() {
      @Override
      public FilterReply decide(ILoggingEvent event) {
        return event.getLevel().isGreaterOrEqual(Level.ERROR) || !fromLibrary(event.getLoggerName())
            ? FilterReply.NEUTRAL : FilterReply.DENY;
      }
    };
    quietLibraries.start();
    for (var it = root.iteratorForAppenders(); it.hasNext(); ) {
      Appender<ILoggingEvent> console = it.next();
      if (console != appender) {
        console.addFilter(quietLibraries);
      }
    }
  }

  private static boolean fromLibrary(String logger) {
    return LIBRARIES.stream().anyMatch(prefix -> logger.equals(prefix) || logger.startsWith(prefix + "."));
  }
}
