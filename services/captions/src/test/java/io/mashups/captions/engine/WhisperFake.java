package io.mashups.captions.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mashups.media.MediaTools;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local stand-in for {@code POST /v1/audio/transcriptions} answering in OpenAI's documented {@code verbose_json}
 * shape. It "hears" the test's beeps: each tone burst is a word named after its pitch (beep k at 300 + 10 k Hz), with
 * its start and end in the uploaded file, so a chunked upload can be checked against the truth.
 */
final class WhisperFake implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();
    final List<Long> uploadSizes = new CopyOnWriteArrayList<>();

    WhisperFake() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/audio/transcriptions", this::transcribe);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void transcribe(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"Bearer test-key".equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                reply(
                        exchange,
                        401,
                        "{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\"}}");
                return;
            }
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            String boundary = type.substring(type.indexOf("boundary=") + 9);
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, String> fields = new ConcurrentHashMap<>();
            byte[] file = parse(body, boundary, fields);
            requests.add(fields);
            uploadSizes.add((long) body.length);
            Path upload = Files.createTempFile("upload", ".mp3");
            Files.write(upload, file);
            reply(exchange, 200, JSON.writeValueAsString(verboseJson(beeps(upload))));
        } catch (Exception e) {
            reply(exchange, 500, "{\"error\":{\"message\":\"" + e.getMessage() + "\"}}");
        }
    }

    private static ObjectNode verboseJson(List<double[]> beeps) {
        ObjectNode root = JSON.createObjectNode();
        root.put("task", "transcribe").put("language", "english").put("duration", 0.0);
        ArrayNode words = root.putArray("words");
        ArrayNode segments = root.putArray("segments");
        StringBuilder text = new StringBuilder();
        for (double[] beep : beeps) {
            String word = "beep" + Math.round(beep[2]);
            words.addObject().put("word", word).put("start", beep[0]).put("end", beep[1]);
            segments.addObject()
                    .put("id", segments.size())
                    .put("seek", 0)
                    .put("start", beep[0])
                    .put("end", beep[1])
                    .put("text", " " + word)
                    .put("temperature", 0.0)
                    .put("avg_logprob", -0.2)
                    .put("compression_ratio", 1.1)
                    .put("no_speech_prob", 0.01)
                    .putArray("tokens");
            text.append(' ').append(word);
        }
        root.put("text", text.toString().strip());
        return root;
    }

    /** Tone bursts in the file: start, end, and k from the pitch (zero crossings over the burst). */
    static List<double[]> beeps(Path audio) throws IOException, InterruptedException {
        Path raw = Files.createTempFile("heard", ".f32");
        int rate = 16000;
        MediaTools.decodePcm(audio, raw, rate, 1);
        ByteBuffer buffer = ByteBuffer.wrap(Files.readAllBytes(raw)).order(ByteOrder.LITTLE_ENDIAN);
        float[] samples = new float[buffer.remaining() / 4];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = buffer.getFloat();
        }
        int frame = rate / 100;
        List<double[]> beeps = new ArrayList<>();
        int start = -1;
        for (int f = 0; f * frame + frame <= samples.length; f++) {
            double energy = 0;
            for (int i = f * frame; i < f * frame + frame; i++) {
                energy += samples[i] * samples[i];
            }
            boolean loud = Math.sqrt(energy / frame) > 0.05;
            if (loud && start < 0) {
                start = f;
            } else if (!loud && start >= 0) {
                int from = start * frame;
                int to = f * frame;
                // crossings with hysteresis: the codec's noise around zero must not count as extra crossings
                // and timed from the first crossing to the last, not by the frame grid
                int crossings = 0;
                int first = -1;
                int lastCrossing = -1;
                int sign = 0;
                for (int i = Math.max(0, from - frame); i < Math.min(samples.length, to + frame); i++) {
                    int now = samples[i] > 0.1 ? 1 : samples[i] < -0.1 ? -1 : sign;
                    if (sign != 0 && now != sign) {
                        crossings++;
                        first = first < 0 ? i : first;
                        lastCrossing = i;
                    }
                    sign = now;
                }
                double hz = (crossings - 1) / 2.0 / ((lastCrossing - first) / (double) rate);
                if (to - from >= frame * 20) { // a burst cut by the file's edge is too short to name
                    beeps.add(new double[] {from / (double) rate, to / (double) rate, (hz - 300) / 10});
                }
                start = -1;
            }
        }
        return beeps;
    }

    private static byte[] parse(byte[] body, String boundary, Map<String, String> fields) {
        String text = new String(body, StandardCharsets.ISO_8859_1);
        byte[] file = new byte[0];
        for (String part : text.split("--" + java.util.regex.Pattern.quote(boundary))) {
            int headerEnd = part.indexOf("\r\n\r\n");
            if (headerEnd < 0) {
                continue;
            }
            String headers = part.substring(0, headerEnd);
            String value = part.substring(headerEnd + 4, part.length() - 2);
            String name = headers.replaceAll("(?s).*name=\"([^\"]+)\".*", "$1");
            if (headers.contains("filename=")) {
                file = value.getBytes(StandardCharsets.ISO_8859_1);
            } else {
                fields.merge(name, value, (a, b) -> a + "," + b);
            }
        }
        return file;
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
