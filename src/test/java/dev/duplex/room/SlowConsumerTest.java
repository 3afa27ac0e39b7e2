package dev.duplex.room;

import dev.duplex.testing.InJvmServer;
import dev.duplex.testing.TunedSettings;
import java.net.URI;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link SlowConsumerContract} on Tyrus's standalone server, in this JVM. */
class SlowConsumerTest implements SlowConsumerContract {

    @RegisterExtension
    static final InJvmServer SERVER = new InJvmServer(TunedSettings.SETTINGS);

    @Override
    public URI base() {
        return SERVER.base();
    }
}
