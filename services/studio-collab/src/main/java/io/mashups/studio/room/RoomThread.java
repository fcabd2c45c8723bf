package io.mashups.studio.room;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * The one thread that touches this replica's rooms: tasks run in the order they were handed over, and after each pass
 * over what was waiting the messages they queued go out together ({@code afterPass}). Housekeeping runs every few
 * seconds between passes.
 */
final class RoomThread implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RoomThread.class);
    /** At most this many tasks before their messages go out: a flood of tasks does not hold the others' back. */
    private static final int PASS = 2000;

    private final LinkedBlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final Runnable afterPass;
    private final Runnable housekeeping;
    private volatile boolean running = true;

    RoomThread(Runnable afterPass, Runnable housekeeping) {
        this.afterPass = afterPass;
        this.housekeeping = housekeeping;
        this.thread = new Thread(this::run, "studio-rooms");
        thread.setDaemon(true);
        thread.start();
    }

    void execute(Runnable task) {
        tasks.add(task);
    }

    boolean isCurrent() {
        return Thread.currentThread() == thread;
    }

    /** Runs a task on the room thread and waits for it (from another thread: a rebalance must finish first). */
    void await(Runnable task) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        execute(() -> {
            try {
                task.run();
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        try {
            done.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.errorf(e, "a task of the rooms' thread failed or took too long");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        long nextHousekeeping = System.nanoTime();
        while (running) {
            try {
                Runnable task = tasks.poll(1, TimeUnit.SECONDS);
                for (int ran = 0; task != null; task = tasks.poll()) {
                    runSafely(task);
                    if (++ran == PASS) {
                        break;
                    }
                }
                afterPass.run();
                if (System.nanoTime() - nextHousekeeping > 0) {
                    runSafely(housekeeping);
                    afterPass.run();
                    nextHousekeeping = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("rooms' thread: " + e.getMessage(), e);
            }
        }
    }

    private static void runSafely(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.error("a task of the rooms' thread failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
