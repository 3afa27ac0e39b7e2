package dev.duplex.room;

import dev.duplex.testing.InJvmServer;
import java.net.URI;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link RoomContract} on Tyrus's standalone server, without a servlet container. */
class RoomTest implements RoomContract {

    @RegisterExtension
    static final InJvmServer SERVER = new InJvmServer();

    @Override
    public URI base() {
        return SERVER.base();
    }
}
