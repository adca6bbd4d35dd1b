package io.github.camelsmtpsystem;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/** Collects what a logger (and those below it) writes, as formatted lines with their level. */
final class LogCapture extends AbstractAppender implements AutoCloseable {

    private static final String MAIL_SERVER = "com.icegreen.greenmail";

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<Boolean> clientSide = new CopyOnWriteArrayList<>();
    private final Map<LoggerConfig, Level> previousLevels = new LinkedHashMap<>();
    private final Map<LoggerConfig, List<Appender>> detached = new LinkedHashMap<>();

    private LogCapture(String loggerName, Level level, boolean everyLogger) {
        super("capture-" + loggerName, null, null, true, Property.EMPTY_ARRAY);
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration configuration = context.getConfiguration();
        LoggerConfig existing = configuration.getLoggerConfig(loggerName);
        if (!existing.getName().equals(loggerName)) {
            existing = new LoggerConfig(loggerName, level, true);
            configuration.addLogger(loggerName, existing);
        }
        start();
        List<LoggerConfig> loggers = new ArrayList<>(List.of(existing));
        if (everyLogger) {
            configuration.getLoggers().values().stream()
                    .filter(l -> !loggers.contains(l))
                    .forEach(loggers::add);
        }
        for (LoggerConfig logger : loggers) {
            if (everyLogger) {
                // every level of every logger would flood the console: only this capture sees it
                List<Appender> others = new ArrayList<>(logger.getAppenders().values());
                others.forEach(a -> logger.removeAppender(a.getName()));
                detached.put(logger, others);
            }
            previousLevels.put(logger, logger.getLevel());
            logger.addAppender(this, null, null);
            logger.setLevel(level);
        }
        context.updateLoggers();
    }

    /** Starts capturing {@code loggerName} at {@code level} and below. */
    static LogCapture of(String loggerName, Level level) {
        return new LogCapture(loggerName, level, false);
    }

    /** Starts capturing every logger at every level, TRACE included. */
    static LogCapture everything() {
        return new LogCapture("", Level.TRACE, true);
    }

    @Override
    public synchronized void append(LogEvent event) {
        StringBuilder line =
                new StringBuilder(event.getLevel() + " " + event.getMessage().getFormattedMessage());
        for (Throwable t = event.getThrown(); t != null; t = t.getCause()) {
            line.append(" | ").append(t);
        }
        lines.add(line.toString());
        clientSide.add(event.getLoggerName() == null || !event.getLoggerName().startsWith(MAIL_SERVER));
    }

    /**
     * The lines of every logger but the test's mail server's (GreenMail logs what it receives, user names included:
     * that is the server's log, not ours).
     */
    List<String> clientLines() {
        List<String> all = List.copyOf(lines);
        List<Boolean> client = List.copyOf(clientSide);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < Math.min(all.size(), client.size()); i++) {
            if (client.get(i)) {
                out.add(all.get(i));
            }
        }
        return out;
    }

    /** Every line so far, as "LEVEL message". */
    List<String> lines() {
        return List.copyOf(lines);
    }

    /** The lines at a level. */
    List<String> lines(Level level) {
        return lines.stream()
                .filter(line -> line.startsWith(level.name() + " "))
                .toList();
    }

    @Override
    public void close() {
        previousLevels.forEach((logger, level) -> {
            logger.removeAppender(getName());
            logger.setLevel(level);
        });
        detached.forEach((logger, appenders) -> appenders.forEach(a -> logger.addAppender(a, null, null)));
        ((LoggerContext) LogManager.getContext(false)).updateLoggers();
        stop();
    }
}
