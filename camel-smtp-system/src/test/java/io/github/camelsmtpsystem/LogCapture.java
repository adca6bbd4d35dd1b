package io.github.camelsmtpsystem;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/** Collects what a logger (and those below it) writes, as formatted lines with their level. */
final class LogCapture extends AbstractAppender implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final LoggerConfig logger;
    private final Level previousLevel;

    private LogCapture(String loggerName, Level level) {
        super("capture-" + loggerName, null, null, true, Property.EMPTY_ARRAY);
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration configuration = context.getConfiguration();
        LoggerConfig existing = configuration.getLoggerConfig(loggerName);
        if (!existing.getName().equals(loggerName)) {
            existing = new LoggerConfig(loggerName, level, true);
            configuration.addLogger(loggerName, existing);
        }
        this.logger = existing;
        this.previousLevel = existing.getLevel();
        start();
        logger.addAppender(this, null, null);
        logger.setLevel(level);
        context.updateLoggers();
    }

    /** Starts capturing {@code loggerName} at {@code level} and below. */
    static LogCapture of(String loggerName, Level level) {
        return new LogCapture(loggerName, level);
    }

    @Override
    public void append(LogEvent event) {
        lines.add(event.getLevel() + " " + event.getMessage().getFormattedMessage()
                  + (event.getThrown() != null ? " " + event.getThrown() : ""));
    }

    /** Every line so far, as "LEVEL message". */
    List<String> lines() {
        return List.copyOf(lines);
    }

    /** The lines at a level. */
    List<String> lines(Level level) {
        return lines.stream().filter(line -> line.startsWith(level.name() + " ")).toList();
    }

    @Override
    public void close() {
        logger.removeAppender(getName());
        logger.setLevel(previousLevel);
        ((LoggerContext) LogManager.getContext(false)).updateLoggers();
        stop();
    }
}
