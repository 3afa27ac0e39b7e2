package dev.duplex.socket;

import dev.duplex.testing.InJvmServer;
import java.net.URI;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link AbuseContract} on Tyrus's standalone server, in this JVM. */
class AbuseTest implements AbuseContract {

    @RegisterExtension
    static final InJvmServer SERVER = new InJvmServer();

    @Override
    public URI base() {
        return SERVER.base();
    }

    @Override
    public int openConnections() {
        return SERVER.duplex().connections().count();
    }
}
