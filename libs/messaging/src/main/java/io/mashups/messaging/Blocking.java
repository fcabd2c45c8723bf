package io.mashups.messaging;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import java.util.function.Supplier;

/**
 * Runs reactive persistence from a worker thread (jobs, DSP), on a Vert.x context as Hibernate Reactive needs, in the
 * trace of the calling thread (so events it writes continue that trace).
 */
public final class Blocking {
    private Blocking() {}

    public static <T> T await(Supplier<Uni<T>> work) {
        try {
            Context trace = Context.current();
            if (trace == Context.root()) {
                return VertxContextSupport.subscribeAndAwait(work);
            }
            return VertxContextSupport.subscribeAndAwait(() -> {
                Scope scope = trace.makeCurrent();
                return work.get().eventually(scope::close);
            });
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
