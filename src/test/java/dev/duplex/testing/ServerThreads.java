package dev.duplex.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The threads of the server under test: this JVM's when the server runs in it (Tyrus in the JVM,
 * embedded Tomcat), else the Payara Micro process that Arquillian started from this JVM (read from
 * Linux's /proc).
 */
public final class ServerThreads {

    private ServerThreads() {
    }

    /**
     * The container's request pools, which grow with the peak of concurrent requests up to their
     * configured maximum and keep idle threads for minutes: Tomcat's and Grizzly's workers, Payara's
     * HTTP pool and its Hazelcast. Their growth is not a leak.
     */
    private static final List<String> POOLS = List.of("http-nio-", "http-thread-poo", "hz.", "grizzly", "Grizzly");

    /** The server's threads outside {@link #POOLS}: those a leak per connection would add to. */
    public static int countOutsidePools() {
        return (int) byName().entrySet().stream()
                .filter(group -> POOLS.stream().noneMatch(group.getKey()::startsWith))
                .mapToLong(Map.Entry::getValue).sum();
    }

    /** The server's threads by name (digits dropped, so a pool's threads count together): for failure messages. */
    public static Map<String, Long> byName() {
        Stream<String> names = payaraMicro().map(ServerThreads::namesOf).orElseGet(
                () -> Thread.getAllStackTraces().keySet().stream().map(Thread::getName));
        return names.map(name -> name.replaceAll("\\d+", "#"))
                .collect(Collectors.groupingBy(name -> name, TreeMap::new, Collectors.counting()));
    }

    /** The names of another process's threads, from /proc. */
    public static Stream<String> namesOf(ProcessHandle process) {
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
}
