package dev.duplex.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay on a free port of 127.0.0.1 in front of a server, so that a browser test can put a
 * bad network between the page and the server: the link stalls (what the server sends waits, as
 * on a link too slow for the traffic) or goes down (every connection drops, new ones are refused).
 * Its sockets towards the server have a small receive buffer, so that while it stalls the backlog
 * builds up in the server, where the server can see it, rather than in the relay.
 */
public final class FaultyLink implements AutoCloseable {

    private static final int CHUNK = 16 * 1024;
    private static final int SERVER_SIDE_RECEIVE_BUFFER = 16 * 1024;

    private final InetSocketAddress server;
    private final ServerSocket listener;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Object flow = new Object();
    private boolean stalled; // guarded by flow
    private volatile boolean down;
    private volatile boolean closed;

    private FaultyLink(InetSocketAddress server) throws IOException {
        this.server = server;
        listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        daemon("faulty-link-accept", this::accept);
    }

    /** A working link to the server of {@code base}, forwarding at once. */
    public static FaultyLink to(URI base) throws IOException {
        return new FaultyLink(new InetSocketAddress(base.getHost(), base.getPort()));
    }

    /** {@code address} on the server, reached through this link instead. */
    public URI through(URI address) {
        try {
            return new URI(address.getScheme(), null, "127.0.0.1", listener.getLocalPort(), address.getPath(),
                    address.getQuery(), null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(address.toString(), e);
        }
    }

    /**
     * From now on, what the server sends waits in the server; what the client sends still goes. A
     * read from the server already under way passes on what it gets: one chunk at most.
     */
    public void stall() {
        synchronized (flow) {
            stalled = true;
        }
    }

    /** What the server sends goes on again, what waited first. */
    public void flow() {
        synchronized (flow) {
            stalled = false;
            flow.notifyAll();
        }
    }

    /** Drops every connection through the link, and refuses new ones until {@link #comeBack()}. */
    public void goDown() {
        down = true;
        sockets.forEach(FaultyLink::quietly);
        synchronized (flow) {
            flow.notifyAll(); // a stalled direction ends too
        }
    }

    public void comeBack() {
        down = false;
    }

    @Override
    public void close() {
        closed = true;
        quietly(listener);
        goDown();
        flow();
    }

    private void accept() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            if (down) {
                quietly(client); // to the client, as if the network had lost it
                continue;
            }
            Socket toServer = new Socket();
            try {
                toServer.setReceiveBufferSize(SERVER_SIDE_RECEIVE_BUFFER); // before connecting: it sets the window
                toServer.connect(server, (int) Duration.ofSeconds(5).toMillis());
                client.setTcpNoDelay(true);
                toServer.setTcpNoDelay(true);
            } catch (IOException e) {
                quietly(client);
                quietly(toServer);
                continue;
            }
            sockets.add(client);
            sockets.add(toServer);
            daemon("faulty-link-up", () -> pump(client, toServer, false));
            daemon("faulty-link-down", () -> pump(toServer, client, true));
        }
    }

    /** Copies one direction until either side ends; then both sides close, as one connection. */
    private void pump(Socket from, Socket to, boolean fromServer) {
        byte[] buffer = new byte[CHUNK];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            while (true) {
                if (fromServer) {
                    awaitFlowing(from);
                }
                int n = in.read(buffer);
                if (n == -1) {
                    break;
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException | InterruptedException e) {
            // dropped by the link or by either side
        } finally {
            quietly(from);
            quietly(to);
            sockets.remove(from);
            sockets.remove(to);
        }
    }

    private void awaitFlowing(Socket from) throws InterruptedException {
        synchronized (flow) {
            while (stalled && !from.isClosed()) {
                flow.wait();
            }
        }
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void quietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception alreadyClosed) {
            // closing to drop it: a failure changes nothing
        }
    }
}
