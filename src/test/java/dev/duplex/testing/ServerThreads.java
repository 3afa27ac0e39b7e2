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

    /** The server's threads by name (digits dropped, so a pool's threads count together): for failure messages. */
    public static java.util.Map<String, Long> byName() {
        Stream<String> names = payaraMicro().map(ServerThreads::namesOf).orElseGet(
                () -> Thread.getAllStackTraces().keySet().stream().map(Thread::getName));
        return names.map(name -> name.replaceAll("\\d+", "#"))
                .collect(java.util.stream.Collectors.groupingBy(name -> name, java.util.TreeMap::new,
                        java.util.stream.Collectors.counting()));
    }

    private static Stream<String> namesOf(ProcessHandle process) {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(process.pid()), "task"))) {
            return tasks.map(task -> {
                try {
                    return Files.readString(task.resolve("comm")).strip();
                } catch (IOException gone) {
                    return "(ended)";
                }
            }).toList().stream();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list the threads of " + process, e);
        }
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
