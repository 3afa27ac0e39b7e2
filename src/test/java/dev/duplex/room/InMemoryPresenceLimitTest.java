package dev.duplex.room;

import dev.duplex.testing.InJvmServer;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link PresenceLimitContract} with rooms in one node's memory. */
class InMemoryPresenceLimitTest implements PresenceLimitContract {

    @RegisterExtension
    static final InJvmServer SERVER = new InJvmServer(LIMIT_OF_TWO);

    @Override
    public InJvmServer first() {
        return SERVER;
    }

    @Override
    public InJvmServer second() {
        return SERVER;
    }
}
