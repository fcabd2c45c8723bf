package io.mashups.messaging;

import java.time.Duration;

/** A loop on a thread of its own (it blocks on Kafka and the database, never on an event loop), started and stopped with the app. */
public abstract class DedicatedThread implements Runnable {
    private final Thread thread;
    private volatile boolean running = true;

    protected DedicatedThread(String name) {
        this.thread = new Thread(this, name);
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Asks the loop to end, wakes it from whatever it blocks on, and waits up to 10 s for it. */
    public void stop() {
        running = false;
        wake();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    protected boolean running() {
        return running;
    }

    /** Interrupts a loop blocked in sleep or a wait; loops blocked elsewhere override this. */
    protected void wake() {
        thread.interrupt();
    }
}
