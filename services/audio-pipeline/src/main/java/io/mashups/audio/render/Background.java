package io.mashups.audio.render;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/** Blocking work started on its own thread so that two passes use both cores; {@link #join} rethrows its failure. */
final class Background<T> {
    interface Work<T> {
        T call() throws IOException, InterruptedException;
    }

    private final FutureTask<T> task;

    private Background(Work<T> work) {
        this.task = new FutureTask<>(work::call);
        Thread thread = new Thread(task, "mashup-render");
        thread.setDaemon(true);
        thread.start();
    }

    static <T> Background<T> start(Work<T> work) {
        return new Background<>(work);
    }

    T join() throws IOException, InterruptedException {
        try {
            return task.get();
        } catch (InterruptedException e) {
            task.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof InterruptedException interrupted) {
                throw interrupted;
            }
            throw new IOException(e.getCause());
        }
    }
}
