package dev.duplex.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A TCP proxy on a free port of 127.0.0.1 that makes its target seem {@code delay} away: every chunk of
 * bytes it reads, in either direction, is written on {@code delay} later, in order. Latency, not a
 * slow link: a chunk read at t leaves at t + delay whatever else is on its way, so pipelined traffic
 * is delayed once, never serialized (each direction has a reader that stamps and queues what it
 * reads, and a writer that sends what is due, in batches). Nothing bounds the queues, so a
 * receiver that does not read holds up only its own direction.
 *
 * <p>As an extension, {@code @RegisterExtension @Order(n) static}, after the target's and before the
 * servers that connect through it; or {@link #start()} it and close it (try-with-resources). The
 * port is taken at construction, so a server's settings can name it before anything starts.
 */
public final class DelayingProxy implements AutoCloseable, BeforeAllCallback, AfterAllCallback {

    private static final int CHUNK = 64 * 1024;
    private static final byte[] END = new byte[0]; // queued where the sender shut its side down

    private final InetSocketAddress target;
    private final long delayNanos;
    private final ServerSocket listener;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final AtomicLong order = new AtomicLong();
    private volatile boolean closed;
    private Thread acceptor;

    /** Listens at once on a free loopback port; forwards once started. */
    public DelayingProxy(InetSocketAddress target, Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("negative delay " + delay);
        }
        this.target = target;
        this.delayNanos = delay.toNanos();
        try {
            listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** Starts accepting connections (once; again does nothing). */
    public synchronized DelayingProxy start() {
        if (acceptor == null) {
            acceptor = thread("delaying-proxy-accept", this::accept);
        }
        return this;
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** {@code 127.0.0.1:port}: where a client connects instead of the target. */
    public InetSocketAddress address() {
        return new InetSocketAddress(listener.getInetAddress(), port());
    }

    public Duration delay() {
        return Duration.ofNanos(delayNanos);
    }

    /** Stops accepting and drops every connection through it, without waiting for what is still queued. */
    @Override
    public void close() {
        closed = true;
        quietly(listener);
        sockets.forEach(DelayingProxy::quietly);
        threads.forEach(Thread::interrupt);
        for (Thread thread : threads) {
            try {
                thread.join(Duration.ofSeconds(5).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void accept() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            Socket server = new Socket();
            try {
                track(client);
                track(server);
                server.connect(target, (int) Duration.ofSeconds(5).toMillis());
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
            } catch (IOException e) {
                quietly(client); // the target is not there: the client sees its connection close
                quietly(server);
                continue;
            }
            Pair pair = new Pair(client, server);
            pair.forward(client, server, "up");
            pair.forward(server, client, "down");
        }
    }

    /** One connection through the proxy: closed when both directions have ended, or either failed. */
    private final class Pair {
        private final Socket client;
        private final Socket server;
        private int open = 2;

        Pair(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        void forward(Socket from, Socket to, String direction) {
            DelayQueue<Chunk> courier = new DelayQueue<>();
            String name = "delaying-proxy-" + from.getPort() + "-" + direction;
            thread(name + "-read", () -> read(from, to, courier));
            thread(name + "-write", () -> deliver(courier));
        }

        /** Stamps and queues each chunk as it arrives, then END when the sender shuts its side down. */
        private void read(Socket from, Socket to, DelayQueue<Chunk> courier) {
            byte[] buffer = new byte[CHUNK];
            try {
                InputStream in = from.getInputStream();
                int n;
                while ((n = in.read(buffer)) != -1) {
                    courier.add(new Chunk(System.nanoTime() + delayNanos, order.incrementAndGet(), this, to,
                            Arrays.copyOf(buffer, n)));
                }
                courier.add(new Chunk(System.nanoTime() + delayNanos, order.incrementAndGet(), this, to, END));
            } catch (IOException e) {
                closeBoth(); // reset or closed by the proxy: nothing more goes either way
            }
        }

        private synchronized void directionEnded() {
            if (--open == 0) {
                closeBoth();
            }
        }

        private void closeBoth() {
            quietly(client);
            quietly(server);
            sockets.remove(client);
            sockets.remove(server);
        }
    }

    /** Bytes read at {@code due - delay}, to be written to {@code to}; ordered by due time, then by reading. */
    private record Chunk(long due, long order, Pair pair, Socket to, byte[] bytes) implements Delayed {

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(due - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            Chunk that = (Chunk) other;
            return due != that.due ? Long.compare(due, that.due) : Long.compare(order, that.order);
        }
    }

    /**
     * A direction's writer: sleeps until the first chunk is due, then writes every chunk due by then
     * in one write, so the delay costs the machine little more than a proxy without one. A writer of
     * its own per direction, so a receiver slow to read holds up only its own direction.
     */
    private static void deliver(DelayQueue<Chunk> courier) {
        List<Chunk> dueNow = new ArrayList<>();
        try {
            while (true) {
                dueNow.add(courier.take());
                courier.drainTo(dueNow);
                int from = 0;
                while (from < dueNow.size()) {
                    int to = from + 1;
                    while (to < dueNow.size() && dueNow.get(to).to() == dueNow.get(from).to()
                            && dueNow.get(to).bytes() != END && dueNow.get(from).bytes() != END) {
                        to++;
                    }
                    write(dueNow.subList(from, to));
                    from = to;
                }
                dueNow.clear();
            }
        } catch (InterruptedException e) {
            // the proxy is closing
        }
    }

    private static void write(List<Chunk> chunks) {
        Chunk first = chunks.get(0);
        try {
            if (first.bytes() == END) {
                first.to().shutdownOutput();
                first.pair().directionEnded();
                return;
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            chunks.forEach(chunk -> bytes.writeBytes(chunk.bytes()));
            first.to().getOutputStream().write(bytes.toByteArray());
        } catch (IOException e) {
            first.pair().closeBoth();
        }
    }

    private void track(Socket socket) throws SocketException {
        sockets.add(socket);
        if (closed) {
            quietly(socket); // close() ran between accept and here
            throw new SocketException("proxy closed");
        }
    }

    private Thread thread(String name, Runnable task) {
        Thread thread = new Thread(() -> {
            try {
                task.run();
            } finally {
                threads.remove(Thread.currentThread());
            }
        }, name);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
        return thread;
    }

    private static void quietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception alreadyBroken) {
            // closing to clean up: a failure changes nothing
        }
    }
}
