package dev.duplex.socket;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * What lets deliveries through until the node stops: once {@link #close} has returned, none runs,
 * and none that began before is still running (unless it outlasted the wait). Deliveries hold the
 * lock to read, so they never wait on one another; only the stop waits for them.
 */
final class StopGate {

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private volatile boolean closed;

    /** Runs {@code delivery} unless the gate is closed; false if it did not run. */
    boolean unlessClosed(Runnable delivery) {
        Lock reading = lock.readLock();
        reading.lock();
        try {
            if (closed) {
                return false;
            }
            delivery.run();
            return true;
        } finally {
            reading.unlock();
        }
    }

    boolean closed() {
        return closed;
    }

    /**
     * Closes the gate once the deliveries under way have run, waiting {@code wait} at most: one may
     * be stuck (a blocking ping to a stalled client, say), and the stop must not wait past its time.
     */
    void close(Duration wait) {
        Lock writing = lock.writeLock();
        boolean locked = false;
        try {
            locked = writing.tryLock(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            closed = true;
        } finally {
            if (locked) {
                writing.unlock();
            }
        }
    }
}
