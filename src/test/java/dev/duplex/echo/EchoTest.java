package dev.duplex.echo;

import dev.duplex.testing.InJvmServer;
import java.net.URI;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link EchoContract} on Tyrus's standalone server, without a servlet container. */
class EchoTest implements EchoContract {

    @RegisterExtension
    static final InJvmServer SERVER = new InJvmServer();

    @Override
    public URI base() {
        return SERVER.base();
    }
}
