package dev.duplex.bench.client;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One selector thread and the connections it owns. Its buffers serve all of them in turn, so a
 * connection holds no buffer of its own unless a message or a write is left half done.
 */
final class Loop implements Runnable {

    private static final System.Logger LOG = System.getLogger(Loop.class.getName());
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final long TICK_MILLIS = 100; // how often deadlines are checked
    private static final int BUFFER_BYTES = 256 * 1024;

    final Selector selector;
    /** Reads land here; direct, so the kernel copies straight into it. */
    final ByteBuffer in = ByteBuffer.allocateDirect(BUFFER_BYTES);
    /** A duplicate of {@link #in} that shows each payload to a listener without allocating a slice. */
    final ByteBuffer view = in.duplicate();
    /** Frames are encoded here; heap, because masking runs over the array. */
    final ByteBuffer out = ByteBuffer.allocate(BUFFER_BYTES);

    // Written by this loop's thread only; volatile so that stats() from any thread sees them.
    volatile long messagesSent;
    volatile long messagesReceived;
    volatile long bytesSent;
    volatile long bytesReceived;

    private final Thread thread;
    private final ConcurrentLinkedQueue<LoadConnection> readyQueue = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    /** Set by the first producer after the loop last looked at its queues: later ones need not wake it. */
    private final AtomicBoolean awake = new AtomicBoolean();
    private final Set<LoadConnection> watched = new HashSet<>(); // connections with a deadline
    private volatile boolean running = true;
    private volatile boolean stopped;
    private volatile long finalCpuNanos = -1;

    Loop(String name) throws IOException {
        selector = Selector.open();
        thread = new Thread(this, name);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** From any thread: {@code connection} has something for this loop to do (register, write, abort). */
    void ready(LoadConnection connection) {
        readyQueue.offer(connection);
        if (stopped) {
            if (readyQueue.remove(connection)) {
                connection.finish(1006, "client closed", new IOException("client closed"));
            }
        } else {
            wake();
        }
    }

    /** From any thread: runs {@code task} on this loop's thread. */
    void execute(Runnable task) {
        tasks.offer(task);
        wake();
    }

    private void wake() {
        // The loop's own thread drains its queues before it selects again: no wakeup needed.
        if (Thread.currentThread() != thread && awake.compareAndSet(false, true)) {
            selector.wakeup();
        }
    }

    /**
     * Adds {@code op} to {@code key}'s interest, or takes it away; on the key's loop thread. Nothing
     * for a connection not yet registered (null) or closed (cancelled).
     */
    static void interest(SelectionKey key, int op, boolean on) {
        if (key == null || !key.isValid()) {
            return;
        }
        int ops = key.interestOps();
        int wanted = on ? ops | op : ops & ~op;
        if (wanted != ops) {
            key.interestOps(wanted);
        }
    }

    void watch(LoadConnection connection, Duration timeout) {
        connection.deadline = System.nanoTime() + timeout.toNanos();
        watched.add(connection);
    }

    void unwatch(LoadConnection connection) {
        watched.remove(connection);
    }

    @Override
    public void run() {
        try {
            long nextTick = System.nanoTime();
            while (running) {
                // From here on, a producer wakes the select below (a wakeup before select counts too).
                awake.set(false);
                for (Runnable task; (task = tasks.poll()) != null;) {
                    task.run();
                }
                for (LoadConnection connection; (connection = readyQueue.poll()) != null;) {
                    connection.service();
                }
                if (!running) {
                    break;
                }
                selector.select(this::selected, TICK_MILLIS);
                long now = System.nanoTime();
                if (now - nextTick >= 0) {
                    expire(now);
                    nextTick = now + TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, thread.getName() + " failed; its connections are closed", e);
        } finally {
            shutdown();
        }
    }

    private void selected(SelectionKey key) {
        if (key.isValid()) {
            ((LoadConnection) key.attachment()).ready(key.readyOps());
        }
    }

    private void expire(long now) {
        if (watched.isEmpty()) {
            return;
        }
        List<LoadConnection> expired = new ArrayList<>();
        for (Iterator<LoadConnection> it = watched.iterator(); it.hasNext();) {
            LoadConnection connection = it.next();
            if (now - connection.deadline >= 0) {
                it.remove();
                expired.add(connection);
            }
        }
        expired.forEach(LoadConnection::expired);
    }

    /** On this loop's thread: starts closing every connection (NioClient.close). */
    void closeAll() {
        for (SelectionKey key : List.copyOf(selector.keys())) {
            ((LoadConnection) key.attachment()).clientClosing();
        }
    }

    /** Stops the thread, which closes whatever connections are left, and waits for it. */
    void stop(Duration wait) throws InterruptedException {
        execute(() -> running = false);
        thread.join(wait.toMillis());
    }

    private void shutdown() {
        stopped = true;
        finalCpuNanos = THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : 0;
        for (SelectionKey key : List.copyOf(selector.keys())) {
            ((LoadConnection) key.attachment()).finish(1006, "client closed", null);
        }
        for (LoadConnection connection; (connection = readyQueue.poll()) != null;) {
            connection.finish(1006, "client closed", new IOException("client closed"));
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // nothing left to do with it
        }
    }

    /** CPU time of this loop's thread so far (or in all, once stopped); 0 where the JVM cannot tell. */
    long cpuNanos() {
        long done = finalCpuNanos;
        if (done >= 0) {
            return done;
        }
        long now = THREADS.isThreadCpuTimeSupported() ? THREADS.getThreadCpuTime(thread.getId()) : 0;
        return now >= 0 ? now : Math.max(finalCpuNanos, 0); // -1: the thread just ended
    }
}
