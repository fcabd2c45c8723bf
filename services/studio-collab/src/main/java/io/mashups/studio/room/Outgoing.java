package io.mashups.studio.room;

import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.impl.ContextInternal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Hands the rooms' thread's messages to the sockets' event loops in bulk: participants with messages waiting are
 * collected during one pass of the rooms' thread, then each event loop gets one task that writes all of its participants'
 * messages. Writing from the event loop itself saves a task, a wake-up and a queue hop per message, which is most
 * of the cost of fanning out tens of thousands of messages a second.
 */
final class Outgoing {
    private final BooleanSupplier onRoomThread;
    /** Rooms' thread only. */
    private final List<Participant> waiting = new ArrayList<>();

    Outgoing(BooleanSupplier onRoomThread) {
        this.onRoomThread = onRoomThread;
    }

    /** A participant has messages waiting (called once until they are written). */
    void schedule(Participant participant) {
        if (onRoomThread.getAsBoolean()) {
            waiting.add(participant);
        } else {
            participant.context().runOnContext(ignored -> participant.drain());
        }
    }

    /** After each pass of the rooms' thread: one task per event loop. */
    void flush() {
        if (waiting.isEmpty()) {
            return;
        }
        Map<EventExecutor, List<Participant>> byLoop = new HashMap<>();
        for (Participant participant : waiting) {
            byLoop.computeIfAbsent(
                            ((ContextInternal) participant.context()).nettyEventLoop(), loop -> new ArrayList<>())
                    .add(participant);
        }
        waiting.clear();
        // a plain event-loop task: each connection has a context of its own, so grouping by context would not group
        byLoop.forEach((loop, participants) -> loop.execute(() -> participants.forEach(Participant::drain)));
    }
}
