package dev.duplex.bench.client;

import static dev.duplex.testing.wire.Opcodes.BINARY;
import static dev.duplex.testing.wire.Opcodes.CLOSE;
import static dev.duplex.testing.wire.Opcodes.PING;
import static dev.duplex.testing.wire.Opcodes.PONG;
import static dev.duplex.testing.wire.Opcodes.TEXT;
import static java.nio.charset.StandardCharsets.UTF_8;

import dev.duplex.bench.client.OutgoingFrames.Outgoing;
import dev.duplex.testing.wire.FrameDecoder;
import dev.duplex.testing.wire.Handshake;
import dev.duplex.testing.wire.ProtocolException;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One WebSocket connection of a {@link NioClient}. The send and close methods may be called from
 * any thread: they queue the frame, and the connection's selector thread writes it. Everything
 * else (the methods without a modifier) runs on that selector thread only.
 *
 * <p>Sends are never refused and never block: a benchmark paces itself (e.g. a window of messages
 * in flight per connection), and a queue that only grows shows that it does not. Sends after
 * {@link #close} or after the connection closed are dropped.
 */
public final class LoadConnection {

    private static final System.Logger LOG = System.getLogger(LoadConnection.class.getName());

    private enum State { CONNECTING, HANDSHAKING, OPEN, CLOSED }

    private final NioClient client;
    private final Loop loop;
    private final URI uri;
    private final Listener listener;
    private final SocketChannel channel;
    private final CompletableFuture<LoadConnection> opened = new CompletableFuture<>();
    private final ConcurrentLinkedQueue<Outgoing> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean(); // in the loop's ready queue
    private final AtomicBoolean closeQueued = new AtomicBoolean();
    private volatile State state = State.CONNECTING;
    private volatile boolean abortRequested;
    private volatile Object attachment;

    // The selector thread's alone.
    private final OutgoingFrames outgoing = new OutgoingFrames();
    private final FrameDecoder decoder;
    private final MessageAssembler assembler;
    private Handshake handshake;
    private SelectionKey key;
    private ByteBuffer backlog; // what the socket did not take in the last write
    private boolean closeSent;
    private boolean closeReceived;
    private int closeCode = 1005;
    private String closeReason = "";
    long deadline; // System.nanoTime() by which the handshake or the close must be done, while Loop watches

    LoadConnection(NioClient client, Loop loop, URI uri, Listener listener, SocketChannel channel, Handshake handshake,
            int maxMessageBytes) {
        this.client = client;
        this.loop = loop;
        this.uri = uri;
        this.listener = listener;
        this.channel = channel;
        this.handshake = handshake;
        this.decoder = new FrameDecoder(maxMessageBytes);
        this.assembler = new MessageAssembler(maxMessageBytes, new Messages());
        queue.offer(new Outgoing(OutgoingFrames.RAW, handshake.requestBytes()));
    }

    public URI uri() {
        return uri;
    }

    /** Open: the handshake succeeded, and no close has been queued, sent or received. */
    public boolean isOpen() {
        return state == State.OPEN && !closeQueued.get();
    }

    /** Anything the user wants to keep with the connection (per-connection benchmark state). */
    public void attach(Object value) {
        attachment = value;
    }

    public Object attachment() {
        return attachment;
    }

    /** Queues a text message of these UTF-8 bytes, sent as they are when its turn comes: do not modify them. */
    public void sendText(byte[] utf8) {
        send(new Outgoing(TEXT, utf8));
    }

    public void sendText(String text) {
        send(new Outgoing(TEXT, text.getBytes(UTF_8)));
    }

    /** Queues a binary message, sent as it is when its turn comes: do not modify it. */
    public void sendBinary(byte[] data) {
        send(new Outgoing(BINARY, data));
    }

    /**
     * Starts the closing handshake: queues a close frame after what is already queued. The
     * connection closes when the server's close arrives, or after the client's close grace.
     */
    public void close(int code, String reason) {
        Outgoing frame = OutgoingFrames.close(code, reason); // checks the reason before anything changes
        if (state != State.CLOSED && closeQueued.compareAndSet(false, true)) {
            queue.offer(frame);
            schedule();
        }
    }

    /**
     * {@code false}: stops reading, as a client that never reads (sends go on), once open, e.g. from
     * onOpen; {@code true}: reads again, from what the kernel kept meanwhile.
     */
    public void reading(boolean on) {
        loop.execute(() -> Loop.interest(key, SelectionKey.OP_READ, on)); // key: read on that thread
    }

    /** Closes the socket at once, without a close frame; onClose gets 1006. */
    public void abort() {
        abortRequested = true;
        schedule();
    }

    @Override
    public String toString() {
        return "LoadConnection[" + uri + ", " + state + "]";
    }

    private void send(Outgoing frame) {
        if (closeQueued.get() || state == State.CLOSED) {
            return;
        }
        queue.offer(frame);
        schedule();
    }

    /** Puts this connection in its loop's ready queue, unless it is there already. */
    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            loop.ready(this);
        }
    }

    /** Hands the new connection to its loop, which registers it and sends the handshake. */
    void start() {
        schedule();
    }

    CompletableFuture<LoadConnection> opened() {
        return opened;
    }

    /** Taken from the loop's ready queue: registers a new connection, or writes what was queued. */
    void service() {
        scheduled.set(false); // before draining the queue: a later send schedules again
        if (state == State.CLOSED) {
            return;
        }
        try {
            if (abortRequested) {
                finish(1006, "aborted by the client", new IOException("aborted by the client: " + uri));
            } else if (key == null) {
                register();
            } else {
                flush();
            }
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    private void register() throws IOException {
        if (client.isClosed()) {
            finish(1006, "client closed", new IOException("client closed before connecting to " + uri));
            return;
        }
        loop.watch(this, client.options().handshakeTimeout());
        boolean connected = channel.isConnected();
        key = channel.register(loop.selector, connected ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, this);
        if (connected) {
            startHandshake();
        }
    }

    /** The selector found the channel ready for these operations. */
    void ready(int ops) {
        try {
            if ((ops & SelectionKey.OP_CONNECT) != 0 && channel.finishConnect()) { // throws when refused
                key.interestOps(SelectionKey.OP_READ);
                startHandshake();
            }
            if ((ops & SelectionKey.OP_WRITE) != 0 && state != State.CLOSED) {
                flush();
            }
            if ((ops & SelectionKey.OP_READ) != 0 && state != State.CLOSED) {
                read();
            }
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    private void startHandshake() throws IOException {
        state = State.HANDSHAKING;
        flush(); // the request, queued at construction
    }

    /**
     * Writes what is queued: first what the socket did not take last time, then frames encoded into
     * the loop's write buffer, one buffer-full per write. OP_WRITE interest only while bytes remain.
     */
    private void flush() throws IOException {
        if (backlog != null) {
            loop.bytesSent += channel.write(backlog);
            if (backlog.hasRemaining()) {
                wantWrite(true);
                return;
            }
            backlog = null;
        }
        ByteBuffer out = loop.out;
        while (outgoing.hasMore(queue)) {
            out.clear();
            loop.messagesSent += outgoing.fill(queue, out);
            out.flip();
            loop.bytesSent += channel.write(out);
            if (out.hasRemaining()) {
                // The socket is full. Keep the rest here: the loop's buffer serves other connections.
                backlog = ByteBuffer.allocate(out.remaining()).put(out).flip();
                wantWrite(true);
                return;
            }
        }
        wantWrite(false);
        if (!closeSent && outgoing.closeEncoded()) {
            closeSent = true;
            queue.clear(); // whatever was sent after the close
            if (closeReceived) {
                finish(closeCode, closeReason, null);
            } else {
                loop.watch(this, client.options().closeGrace());
            }
        }
    }

    private void wantWrite(boolean write) {
        Loop.interest(key, SelectionKey.OP_WRITE, write);
    }

    private void read() throws IOException {
        ByteBuffer in = loop.in.clear();
        int n = channel.read(in);
        if (n < 0) {
            if (closeReceived) {
                finish(closeCode, closeReason, null);
            } else {
                finish(1006, "connection closed without a close frame",
                        state == State.OPEN ? null : new EOFException("connection closed during the handshake: " + uri));
            }
            return;
        }
        loop.bytesReceived += n;
        in.flip();
        if (state == State.HANDSHAKING) {
            if (!handshake.consume(in)) {
                return;
            }
            handshake.verify();
            handshake = null;
            state = State.OPEN;
            loop.unwatch(this);
            listener.onOpen(this);
            opened.complete(this);
        }
        if (state == State.OPEN && !closeReceived) {
            decoder.decode(in, loop.view, assembler); // the server's first frames may follow its 101 at once
        }
    }

    /** The handshake or the closing handshake took too long. */
    void expired() {
        if (state == State.OPEN) {
            finish(1006, "no close answer within " + client.options().closeGrace(), null);
        } else {
            finish(1006, "handshake timeout", new SocketTimeoutException(
                    "no WebSocket handshake with " + uri + " within " + client.options().handshakeTimeout()));
        }
    }

    /** NioClient is closing: open connections get a close, the others are dropped. */
    void clientClosing() {
        if (state == State.OPEN) {
            close(1001, "client closing");
        } else {
            finish(1006, "client closed", new IOException("client closed before the handshake with " + uri));
        }
    }

    private void fail(Throwable error) {
        if (error instanceof ProtocolException protocol && state == State.OPEN && !closeSent) {
            // Tell the server why, best effort, after any frame already half written.
            queue.clear();
            queue.offer(OutgoingFrames.close(protocol.closeCode(), ""));
            try {
                flush();
            } catch (IOException ignored) {
                // the close below is all that is left
            }
            finish(protocol.closeCode(), String.valueOf(error.getMessage()), error);
            return;
        }
        finish(1006, String.valueOf(error.getMessage()), error);
    }

    /** Closes the socket and reports it, once: to the connect future before open, to the listener after. */
    void finish(int code, String reason, Throwable error) {
        if (state == State.CLOSED) {
            return;
        }
        boolean wasOpen = state == State.OPEN;
        state = State.CLOSED;
        loop.unwatch(this);
        if (key != null) {
            key.cancel();
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // closed anyway
        }
        queue.clear();
        backlog = null;
        handshake = null;
        client.connectionClosed();
        if (!opened.isDone()) {
            opened.completeExceptionally(error != null ? error : new IOException(reason + ": " + uri));
        }
        if (wasOpen) {
            try {
                if (error != null) {
                    listener.onError(this, error);
                }
                listener.onClose(this, code, reason);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "listener failed on close of " + uri, e);
            }
        }
    }

    /** The assembler's messages and control frames. */
    private final class Messages implements MessageAssembler.Messages {
        @Override
        public boolean onMessage(int opcode, ByteBuffer payload) {
            loop.messagesReceived++;
            if (opcode == TEXT) {
                listener.onText(LoadConnection.this, payload);
            } else {
                listener.onBinary(LoadConnection.this, payload);
            }
            return state == State.OPEN;
        }

        @Override
        public boolean onControl(int opcode, ByteBuffer payload) throws IOException {
            if (opcode == PING) {
                if (!closeQueued.get()) {
                    queue.offer(new Outgoing(PONG, Listener.bytes(payload)));
                    flush();
                }
            } else if (opcode == CLOSE) {
                closeReceived = true;
                if (payload.remaining() >= 2) {
                    closeCode = payload.getShort(payload.position()) & 0xFFFF;
                    closeReason = new String(Listener.bytes(payload), 2, payload.remaining() - 2, UTF_8);
                }
                if (closeQueued.compareAndSet(false, true)) {
                    queue.offer(OutgoingFrames.close(closeCode == 1005 ? -1 : closeCode, "")); // echo the code
                }
                flush(); // finishes once our close is out
                return false; // nothing follows a close
            }
            return state == State.OPEN; // a pong: this client sends no pings
        }
    }
}
