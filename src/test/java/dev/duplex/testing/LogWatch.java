package dev.duplex.testing;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects what a server logs at ERROR (java.util.logging's SEVERE), and what duplex itself logs
 * at WARNING or above, while it is open: records of this JVM's loggers (Tyrus in the JVM, embedded
 * Tomcat), and the lines Payara Micro writes, which its Arquillian adapter copies to System.out.
 */
public final class LogWatch implements AutoCloseable {

    private final List<String> errors = new CopyOnWriteArrayList<>();
    private final Logger root = Logger.getLogger("");
    private final PrintStream originalOut = System.out;
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            boolean duplex = record.getLoggerName() != null && record.getLoggerName().startsWith("dev.duplex");
            if (record.getLevel().intValue() >= (duplex ? Level.WARNING : Level.SEVERE).intValue()) {
                errors.add(record.getLevel() + " " + record.getLoggerName() + ": " + record.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private LogWatch() {
        root.addHandler(handler);
        System.setOut(new PrintStream(new LineTee(), true, StandardCharsets.UTF_8));
    }

    public static LogWatch start() {
        return new LogWatch();
    }

    /** What was logged at SEVERE, and duplex's own records at WARNING or above. */
    public List<String> errors() {
        return List.copyOf(errors);
    }

    @Override
    public void close() {
        root.removeHandler(handler);
        System.setOut(originalOut);
    }

    /** Passes everything on to the real System.out and keeps the lines that report an error. */
    private final class LineTee extends OutputStream {
        private final StringBuilder line = new StringBuilder();

        @Override
        public synchronized void write(int b) {
            originalOut.write(b);
            if (b == '\n') {
                if (line.indexOf("SEVERE") >= 0 || (line.indexOf("WARNING") >= 0 && line.indexOf("dev.duplex") >= 0)) {
                    errors.add(line.toString());
                }
                line.setLength(0);
            } else {
                line.append((char) b);
            }
        }
    }
}
