import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * The floor of any proxy on the JVM: bare Vert.x, the same HTTP server and client the gateway runs on, with no
 * routing, security, metrics or header rules. The benchmark runs it to show what the JVM itself costs here and what
 * the gateway adds on top. Usage: java -cp 'gateway/lib/*' RawVertxProxy.java LISTEN_PORT UPSTREAM_PORT
 */
public class RawVertxProxy {
    public static void main(String[] args) {
        int listen = Integer.parseInt(args[0]);
        int upstreamPort = Integer.parseInt(args[1]);
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true)); // as the gateway
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true), new PoolOptions().setHttp1MaxSize(256));
        vertx.createHttpServer().requestHandler(request -> {
            request.pause();
            client.request(new RequestOptions().setMethod(request.method()).setHost("127.0.0.1").setPort(upstreamPort)
                    .setURI(request.uri())).onSuccess(upstream -> {
                upstream.headers().addAll(request.headers()).remove("Host");
                upstream.response().onSuccess(answer -> {
                    request.response().setStatusCode(answer.statusCode()).headers().addAll(answer.headers());
                    answer.pipeTo(request.response());
                });
                request.resume();
                upstream.end();
            }).onFailure(e -> request.response().setStatusCode(502).end());
        }).listen(listen, "127.0.0.1");
    }
}
