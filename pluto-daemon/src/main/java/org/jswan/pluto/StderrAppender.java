package org.jswan.pluto;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code --stderrlog}: each record is its bare text and a newline, as pluto writes them; no time
 * or level is added.
 */
final class StderrAppender extends AppenderBase<ILoggingEvent> {
    private final OutputStream out;

    StderrAppender() {
        this(new FileOutputStream(FileDescriptor.err));
    }

    StderrAppender(OutputStream out) {
        this.out = out;
    }

    @Override
    protected void append(ILoggingEvent event) {
        byte[] b = (event.getFormattedMessage() + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            out.write(b);
            out.flush();
        } catch (IOException e) {
            // stderr is gone; there is nowhere left to say so
        }
    }
}
