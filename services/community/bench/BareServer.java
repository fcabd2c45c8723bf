import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * The machine's floor for the challenge benchmark (challenge.sh): a bare JDK HTTP server in a JVM of its own, answering
 * every GET with a small fixed body, so what a request costs under the benchmark's load shows apart from the service.
 * Argument: port; run with -Dsun.net.httpserver.nodelay=true (else each answer waits on a delayed ACK).
 */
public class BareServer {
    public static void main(String[] args) throws Exception {
        byte[] body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 64);
        server.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
    }
}
