package dev.duplex.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** Where a report's figures come from: the code's commit and the machine they were measured on. */
final class Provenance {

    private Provenance() {
    }

    /**
     * The short hash of HEAD, with "(dirty)" when files outside docs/ differ from it: the figures are
     * then of code that no commit holds. docs/ does not count, since the report itself goes there.
     */
    static String commit() {
        try {
            String head = git("rev-parse", "--short", "HEAD").strip();
            boolean dirty = !git("status", "--porcelain", "--", ".", ":(exclude)docs").isBlank();
            return head + (dirty ? " (dirty)" : "");
        } catch (IOException | InterruptedException | IllegalStateException noGit) {
            return "unknown (" + noGit.getMessage() + ")";
        }
    }

    /** Cores, CPU model, memory and Java, from /proc and the running JVM. */
    static String hardware() throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
                .findFirst().map(line -> line.substring(line.indexOf(':') + 1).strip()).orElse("unknown CPU");
        String memory = Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\s+", " ");
        return String.format(Locale.ROOT, "%d cores (%s), %s; Java %s", Runtime.getRuntime().availableProcessors(),
                cpu, memory, Runtime.version());
    }

    private static String git(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(arguments));
        Process git = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!git.waitFor(30, TimeUnit.SECONDS) || git.exitValue() != 0) {
            throw new IllegalStateException("git " + String.join(" ", arguments) + " failed: " + out.strip());
        }
        return out;
    }
}
