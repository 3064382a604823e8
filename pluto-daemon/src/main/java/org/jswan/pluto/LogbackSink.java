package org.jswan.pluto;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import org.jswan.ike.engine.Effect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production sink: SLF4J's logger {@code "pluto"}, which the daemon points at exactly one
 * appender, {@link StderrAppender} or {@link SyslogAppender}. Configured once per process.
 */
final class LogbackSink implements LogSink {
    static final String LOGGER = "pluto";

    private final Logger logger;

    private LogbackSink(Logger logger) {
        this.logger = logger;
    }

    /** Routes logger {@code "pluto"} to {@code appender} alone, at every level. */
    static LogbackSink to(Appender<ILoggingEvent> appender) {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        appender.setContext(ctx);
        appender.start();
        ch.qos.logback.classic.Logger l = ctx.getLogger(LOGGER);
        l.detachAndStopAllAppenders();
        l.setAdditive(false);
        l.setLevel(Level.TRACE);
        l.addAppender(appender);
        return new LogbackSink(l);
    }

    @Override
    public void write(Effect.LogLevel level, String text) {
        switch (level) {
            case ERROR:
                logger.error(text);
                break;
            case DEBUG:
                logger.debug(text);
                break;
            default:
                logger.info(text);
                break;
        }
    }
}
