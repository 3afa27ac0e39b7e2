package dev.duplex.rewrite;

import dev.duplex.testing.InJvmServer;
import java.net.URI;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link RewriteContract} on Tyrus's standalone server, without a servlet container. */
class RewriteTest implements RewriteContract {

    @RegisterExtension
    static final InJvmServer SERVER = new InJvmServer();

    @Override
    public URI base() {
        return SERVER.base();
    }
}
