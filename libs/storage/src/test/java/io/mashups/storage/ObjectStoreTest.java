package io.mashups.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs against the S3-compatible store that the test command starts (deploy/local/s3.sh). */
class ObjectStoreTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static ObjectStore store;
    private final String prefix = "test/" + UUID.randomUUID() + "/";

    @BeforeAll
    static void connect() {
        store = new ObjectStore(new ObjectStoreConfig() {
            public URI endpoint() {
                return URI.create(env("MASHUPS_S3_ENDPOINT", "http://127.0.0.1:9000"));
            }

            public Optional<URI> publicEndpoint() {
                return Optional.empty();
            }

            public String region() {
                return "us-east-1";
            }

            public String bucket() {
                return env("MASHUPS_S3_BUCKET", "mashups");
            }

            public String accessKey() {
                return env("MASHUPS_S3_ACCESS_KEY", "mashups");
            }

            public String secretKey() {
                return env("MASHUPS_S3_SECRET_KEY", "mashups-local-secret");
            }

            public boolean pathStyle() {
                return true;
            }

            public Duration presignTtl() {
                return Duration.ofMinutes(5);
            }

            public boolean createBucket() {
                return true;
            }
        });
        store.start(null);
    }

    @AfterAll
    static void close() {
        store.stop(null);
    }

    @Test
    void uploadedFileIsServedByPresignedGetAndStreamsBackToDisk(@TempDir Path dir) throws Exception {
        byte[] content = new byte[3 * 1024 * 1024 + 17];
        new Random(42).nextBytes(content);
        Path file = Files.write(dir.resolve("song.wav"), content);
        String key = prefix + "song.wav";

        store.upload(key, file, "audio/wav").await().indefinitely();
        HttpResponse<byte[]> viaUrl = HTTP.send(
                HttpRequest.newBuilder(store.presignGet(key, Optional.of("my song.wav")))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        Path back = store.download(key, dir.resolve("back.wav")).await().indefinitely();

        assertEquals(200, viaUrl.statusCode());
        assertArrayEquals(content, viaUrl.body());
        assertArrayEquals(content, Files.readAllBytes(back));
        assertEquals(
                content.length,
                store.head(key).await().indefinitely().orElseThrow().sizeBytes());
    }

    @Test
    void clientUploadsThroughPresignedPut() throws Exception {
        String key = prefix + "upload.mp3";
        byte[] content = "ID3 not really an mp3".getBytes();

        HttpResponse<String> put = HTTP.send(
                HttpRequest.newBuilder(store.presignPut(key, "audio/mpeg"))
                        .header("Content-Type", "audio/mpeg")
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(content))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, put.statusCode(), put.body());
        ObjectStore.StoredObject stored = store.head(key).await().indefinitely().orElseThrow();
        assertEquals(content.length, stored.sizeBytes());
        assertEquals("audio/mpeg", stored.contentType());
    }

    @Test
    void tamperedSignatureIsRefusedAndDeletedObjectIsGone() throws Exception {
        String key = prefix + "gone.txt";
        Path file = Files.writeString(Files.createTempFile("obj", ".txt"), "hello");
        store.upload(key, file, "text/plain").await().indefinitely();
        String url = store.presignGet(key, Optional.empty()).toString();
        String tampered = url.replaceAll(
                "X-Amz-Signature=([0-9a-f])", "X-Amz-Signature=" + (url.contains("X-Amz-Signature=0") ? "1" : "0"));

        int tamperedStatus = HTTP.send(
                        HttpRequest.newBuilder(URI.create(tampered)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
        store.delete(key).await().indefinitely();

        assertEquals(403, tamperedStatus);
        assertTrue(store.head(key).await().indefinitely().isEmpty());
    }

    @Test
    void anonymousRequestsNeitherListTheBucketNorReadObjects() throws Exception {
        String key = prefix + "private.txt";
        store.upload(key, Files.writeString(Files.createTempFile("obj", ".txt"), "unlisted"), "text/plain")
                .await()
                .indefinitely();
        String bucket = env("MASHUPS_S3_ENDPOINT", "http://127.0.0.1:9000") + "/" + env("MASHUPS_S3_BUCKET", "mashups");

        HttpResponse<String> listing = HTTP.send(
                HttpRequest.newBuilder(URI.create(bucket + "?prefix=" + prefix)).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> read = HTTP.send(
                HttpRequest.newBuilder(URI.create(bucket + "/" + key)).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(403, listing.statusCode(), listing.body());
        assertFalse(listing.body().contains(prefix), "no key leaks");
        assertEquals(403, read.statusCode(), read.body());
    }

    private static String env(String name, String fallback) {
        return Optional.ofNullable(System.getenv(name)).orElse(fallback);
    }
}
