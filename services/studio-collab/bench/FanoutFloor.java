import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The floor of any JVM studio server on this machine, for bench/run.sh: a bare Vert.x WebSocket relay with no
 * parsing, no document, no Kafka, no Postgres, no security and no metrics. A socket's room is its path; each text
 * frame goes as it is to the room's other sockets, and the sender gets a short ack, as the studio's clients do.
 * Messages waiting for the same socket share a frame, one per line, as studio-collab sends them (the generator reads
 * them alike; without it the generator, not the server, saturates first). Whatever latency it shows under the
 * benchmark's load, no studio design on the same stack can show less.
 * Run: java -cp "services/studio-collab/target/quarkus-app/lib/main/*" FanoutFloor.java PORT
 */
public class FanoutFloor {
    /** A socket and the messages waiting for its event loop to write them. */
    static final class Peer {
        private final ServerWebSocket socket;
        private final Context context;
        private final StringBuilder pending = new StringBuilder();
        private boolean scheduled;

        Peer(ServerWebSocket socket, Context context) {
            this.socket = socket;
            this.context = context;
        }

        void send(String message) {
            boolean schedule;
            synchronized (this) {
                if (pending.length() > 0) {
                    pending.append('\n');
                }
                pending.append(message);
                schedule = !scheduled;
                scheduled = true;
            }
            if (schedule) {
                context.runOnContext(ignored -> flush());
            }
        }

        private void flush() {
            String frame;
            synchronized (this) {
                frame = pending.toString();
                pending.setLength(0);
                scheduled = false;
            }
            socket.writeTextMessage(frame);
        }
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        Map<String, List<Peer>> rooms = new ConcurrentHashMap<>();
        Vertx vertx = Vertx.vertx();
        vertx.createHttpServer().webSocketHandler(socket -> {
            Peer self = new Peer(socket, Vertx.currentContext());
            List<Peer> room = rooms.computeIfAbsent(socket.path(), path -> new CopyOnWriteArrayList<>());
            room.add(self);
            socket.closeHandler(closed -> room.remove(self));
            socket.textMessageHandler(text -> {
                for (Peer other : room) {
                    if (other != self) {
                        other.send(text);
                    }
                }
                self.send("{\"type\":\"ack\"}");
            });
        }).listen(port, "127.0.0.1").toCompletionStage().toCompletableFuture().join();
        System.out.println("fan-out floor listening on " + port);
    }
}
