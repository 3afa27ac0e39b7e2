package dev.duplex.room;

import static dev.duplex.testing.Texts.occurrences;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.testing.NodeProcess;
import dev.duplex.testing.RedisServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Redeploying duplex on Payara Micro with rooms in Redis leaves no thread behind. Payara Micro's
 * Arquillian adapter cannot redeploy (it undeploys by stopping the server), so this runs Payara
 * Micro as a process of its own that undeploys and deploys the built WAR again from a command file.
 */
class PayaraRedeployProcessIT {

    private static final Duration WAIT = Duration.ofSeconds(180);

    @RegisterExtension
    static final RedisServer REDIS = new RedisServer();

    @Test
    void threeDeploysAndUndeploysWithRoomsInRedisLeaveNoLettuceNorDuplexThread() throws Exception {
        String war = NodeProcess.builtWar().toAbsolutePath().toString();
        String again = "deploy --name duplex --contextroot duplex " + war;
        Path commands = Files.createTempFile("redeploy-", ".asadmin");
        Files.write(commands, List.of("undeploy duplex", again, "undeploy duplex", again, "undeploy duplex"));
        try (NodeProcess payara = NodeProcess.payaraLaunched("payara-redeploy",
                List.of("--postdeploycommandfile", commands.toString()), REDIS.property())) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (occurrences(payara.log(), "duplex stopped at /duplex") < 3) {
                assertTrue(System.nanoTime() < deadline, () -> "three undeploys did not happen within " + WAIT);
                Thread.sleep(200);
            }
            assertEquals(3, occurrences(payara.log(), "duplex started at /duplex"));
            Thread.sleep(1000); // threads told to stop may still be finishing
            List<String> left = payara.threadNames().stream()
                    .filter(name -> name.contains("lettuce") || name.startsWith("duplex")).toList();
            assertEquals(List.of(), left);
        }
    }
}
