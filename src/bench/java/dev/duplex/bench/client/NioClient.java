package dev.duplex.bench.client;

import dev.duplex.testing.wire.Handshake;
import dev.duplex.testing.wire.HandshakeException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * A WebSocket client (ws:// only) for load generation: a few selector threads, each owning
 * thousands of connections, on plain NIO. It exists so that a benchmark's client costs little CPU
 * and memory next to the server it measures on the same machine, where the JDK's WebSocket client
 * or Tyrus (a thread, buffers and futures per connection and per message) would be the bottleneck.
 *
 * <p>Connections go to the selector threads round-robin. Listener callbacks run on those threads
 * (see {@link Listener}). Without extensions, subprotocols, TLS, UTF-8 validation, proxies or
 * redirects: a benchmark on loopback needs none of them.
 */
public final class NioClient implements AutoCloseable {

    /**
     * How the client runs.
     *
     * @param selectorThreads   threads that do all the I/O (and run the listeners)
     * @param sourceAddresses   local addresses to bind, round-robin, e.g. 127.0.0.1 to 127.0.0.4: each
     *                          has its own ~28,000 ephemeral ports; empty lets the system choose
     * @param receiveBufferSize SO_RCVBUF of each socket; 0 for the system's default
     * @param sendBufferSize    SO_SNDBUF of each socket; 0 for the system's default
     * @param handshakeTimeout  from connect to the server's 101
     * @param closeGrace        how long a close waits for the server's close before dropping the socket
     * @param maxMessageBytes   larger server messages fail the connection (1009)
     */
    public record Options(int selectorThreads, List<InetAddress> sourceAddresses, int receiveBufferSize,
            int sendBufferSize, Duration handshakeTimeout, Duration closeGrace, int maxMessageBytes) {

        public Options {
            if (selectorThreads < 1 || receiveBufferSize < 0 || sendBufferSize < 0 || maxMessageBytes < 1) {
                throw new IllegalArgumentException("bad options");
            }
            sourceAddresses = List.copyOf(sourceAddresses);
            Objects.requireNonNull(handshakeTimeout);
            Objects.requireNonNull(closeGrace);
        }

        /** {@code selectorThreads} threads; system's addresses and buffers; 10 s handshakes, 1 s close grace, 16 MiB messages. */
        public static Options of(int selectorThreads) {
            return new Options(selectorThreads, List.of(), 0, 0, Duration.ofSeconds(10), Duration.ofSeconds(1),
                    16 * 1024 * 1024);
        }

        public Options withSourceAddresses(List<InetAddress> addresses) {
            return new Options(selectorThreads, addresses, receiveBufferSize, sendBufferSize, handshakeTimeout,
                    closeGrace, maxMessageBytes);
        }

        public Options withSocketBuffers(int receive, int send) {
            return new Options(selectorThreads, sourceAddresses, receive, send, handshakeTimeout, closeGrace,
                    maxMessageBytes);
        }

        public Options withHandshakeTimeout(Duration timeout) {
            return new Options(selectorThreads, sourceAddresses, receiveBufferSize, sendBufferSize, timeout,
                    closeGrace, maxMessageBytes);
        }

        public Options withCloseGrace(Duration grace) {
            return new Options(selectorThreads, sourceAddresses, receiveBufferSize, sendBufferSize, handshakeTimeout,
                    grace, maxMessageBytes);
        }

        public Options withMaxMessageBytes(int max) {
            return new Options(selectorThreads, sourceAddresses, receiveBufferSize, sendBufferSize, handshakeTimeout,
                    closeGrace, max);
        }
    }

    /**
     * Totals over all connections so far. Messages are whole data messages (each sent as one
     * frame; control frames not counted); bytes are what went through the sockets, headers and
     * handshakes included. {@code selectorCpuNanos}: CPU time of the selector threads, listeners
     * included.
     */
    public record Stats(long messagesSent, long messagesReceived, long bytesSent, long bytesReceived,
            long selectorCpuNanos) {

        /** Selector CPU per message sent or received, in microseconds. */
        public double cpuMicrosPerMessage() {
            long messages = messagesSent + messagesReceived;
            return messages == 0 ? 0 : selectorCpuNanos / 1000.0 / messages;
        }
    }

    private final Options options;
    private final Loop[] loops;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger live = new AtomicInteger(); // connections not yet finished
    private final AtomicBoolean closed = new AtomicBoolean();

    public NioClient(int selectorThreads) throws IOException {
        this(Options.of(selectorThreads));
    }

    public NioClient(Options options) throws IOException {
        this.options = options;
        loops = new Loop[options.selectorThreads()];
        for (int i = 0; i < loops.length; i++) {
            loops[i] = new Loop("nio-client-" + i);
        }
        for (Loop loop : loops) {
            loop.start();
        }
    }

    public Options options() {
        return options;
    }

    public CompletableFuture<LoadConnection> connect(URI wsUri, Listener listener) {
        return connect(wsUri, Map.of(), listener);
    }

    /**
     * Opens a connection and completes with it once the server accepted the handshake (after
     * {@link Listener#onOpen}); completes exceptionally with a {@link HandshakeException} (status
     * line in the message) if the server answered anything else, or with the I/O error. It
     * completes on a selector thread: what depends on it must not block.
     *
     * @param headers added to the handshake request, e.g. {@code Origin}
     */
    public CompletableFuture<LoadConnection> connect(URI wsUri, Map<String, String> headers, Listener listener) {
        Objects.requireNonNull(listener);
        if (closed.get()) {
            return CompletableFuture.failedFuture(new IllegalStateException("client closed"));
        }
        if (!"ws".equalsIgnoreCase(wsUri.getScheme()) || wsUri.getHost() == null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("not a ws:// address: " + wsUri));
        }
        int n = next.getAndIncrement();
        SocketChannel channel = null;
        try {
            // Socket set-up and the non-blocking connect run here, on the caller's thread, so that
            // opening thousands costs the selector threads nothing but the registration.
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            if (options.receiveBufferSize() > 0) {
                channel.setOption(StandardSocketOptions.SO_RCVBUF, options.receiveBufferSize());
            }
            if (options.sendBufferSize() > 0) {
                channel.setOption(StandardSocketOptions.SO_SNDBUF, options.sendBufferSize());
            }
            List<InetAddress> sources = options.sourceAddresses();
            if (!sources.isEmpty()) {
                channel.bind(new InetSocketAddress(sources.get(Math.floorMod(n, sources.size())), 0));
            }
            InetSocketAddress remote = new InetSocketAddress(wsUri.getHost(), wsUri.getPort() == -1 ? 80 : wsUri.getPort());
            if (remote.isUnresolved()) {
                throw new UnknownHostException(wsUri.getHost());
            }
            channel.connect(remote);
            LoadConnection connection = new LoadConnection(this, loops[Math.floorMod(n, loops.length)], wsUri, listener,
                    channel, Handshake.to(wsUri, headers), options.maxMessageBytes());
            live.incrementAndGet();
            connection.start();
            return connection.opened();
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // failing anyway
                }
            }
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Opens a connection to each of {@code uris} (listener {@code listeners.apply(i)} for the i-th),
     * quickly but with at most {@code maxHandshakesInFlight} handshakes pending at a time, so as
     * not to overflow the server's accept backlog. Returns them in the order of {@code uris}.
     *
     * @throws IOException if any failed or {@code timeout} passed first, naming how many opened;
     *                     those that did open are then aborted
     */
    public List<LoadConnection> connectAll(List<URI> uris, Function<Integer, Listener> listeners, int maxHandshakesInFlight,
            Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Semaphore permits = new Semaphore(maxHandshakesInFlight);
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        List<CompletableFuture<LoadConnection>> futures = new ArrayList<>(uris.size());
        for (int i = 0; i < uris.size() && firstFailure.get() == null; i++) {
            if (!permits.tryAcquire(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                break;
            }
            CompletableFuture<LoadConnection> future = connect(uris.get(i), listeners.apply(i));
            future.whenComplete((connection, error) -> {
                if (error != null) {
                    firstFailure.compareAndSet(null, error); // before the release: no new connect after a failure
                }
                permits.release();
            });
            futures.add(future);
        }
        try {
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                    .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException incomplete) {
            // counted below
        }
        long opened = futures.stream().filter(f -> f.isDone() && !f.isCompletedExceptionally()).count();
        if (opened == uris.size()) {
            return futures.stream().map(CompletableFuture::join).toList();
        }
        futures.forEach(future -> future.thenAccept(LoadConnection::abort)); // also those still to open
        Throwable cause = firstFailure.get();
        throw new IOException("opened " + opened + " of " + uris.size() + " connections within " + timeout
                + (cause == null ? " (timed out)" : "; first failure: " + cause), cause);
    }

    /** Totals so far; see {@link Stats}. */
    public Stats stats() {
        long sent = 0;
        long received = 0;
        long bytesSent = 0;
        long bytesReceived = 0;
        long cpu = 0;
        for (Loop loop : loops) {
            sent += loop.messagesSent;
            received += loop.messagesReceived;
            bytesSent += loop.bytesSent;
            bytesReceived += loop.bytesReceived;
            cpu += loop.cpuNanos();
        }
        return new Stats(sent, received, bytesSent, bytesReceived, cpu);
    }

    /** Connections opening or open (not yet closed). */
    public int liveConnections() {
        return live.get();
    }

    /**
     * Waits until no connection is left open, or {@code atMost} has passed: closes complete
     * asynchronously, and a measurement that follows should not count the previous one's sockets.
     */
    public void awaitClosed(Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (live.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    boolean isClosed() {
        return closed.get();
    }

    void connectionClosed() {
        live.decrementAndGet();
    }

    /**
     * Sends every open connection a close (1001), waits up to the close grace for the server's
     * answers, then closes whatever is left without waiting, and stops the selector threads.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (Loop loop : loops) {
            loop.execute(loop::closeAll);
        }
        long deadline = System.nanoTime() + options.closeGrace().toNanos() + TimeUnit.MILLISECONDS.toNanos(200);
        try {
            while (live.get() > 0 && System.nanoTime() - deadline < 0) {
                Thread.sleep(10);
            }
            for (Loop loop : loops) {
                loop.stop(Duration.ofSeconds(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
