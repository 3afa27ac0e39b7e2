package dev.duplex.testing;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The thread count of the server under test: this JVM's when the server runs in it (Tyrus in the
 * JVM, embedded Tomcat), else the Payara Micro process that Arquillian started from this JVM
 * (read from Linux's /proc).
 */
public final class ServerThreads {

    private ServerThreads() {
    }

    public static int count() {
        return payaraMicro().map(ServerThreads::threadsOf)
                .orElseGet(() -> ManagementFactory.getThreadMXBean().getThreadCount());
    }

    /** Whether the server's heap is this JVM's, so a test may measure it. */
    public static boolean serverInThisJvm() {
        return payaraMicro().isEmpty();
    }

    private static Optional<ProcessHandle> payaraMicro() {
        return ProcessHandle.current().descendants()
                .filter(process -> process.info().commandLine().orElse("").contains("payara-micro"))
                .findFirst();
    }

    private static int threadsOf(ProcessHandle process) {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(process.pid()), "task"))) {
            return (int) tasks.count();
        } catch (IOException e) {
            throw new IllegalStateException("cannot count the threads of " + process, e);
        }
    }
}
