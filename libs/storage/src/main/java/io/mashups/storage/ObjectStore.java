package io.mashups.storage;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The object store through the S3 API. Clients move bytes themselves through presigned URLs; services stream files
 * to and from disk, never holding a whole object in memory. Every call runs on a worker thread.
 */
@ApplicationScoped
public class ObjectStore {
    private final ObjectStoreConfig config;
    private S3Client s3;
    private S3Presigner presigner;

    public ObjectStore(ObjectStoreConfig config) {
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        var credentials =
                StaticCredentialsProvider.create(AwsBasicCredentials.create(config.accessKey(), config.secretKey()));
        var s3Config = S3Configuration.builder()
                .pathStyleAccessEnabled(config.pathStyle())
                .build();
        s3 = S3Client.builder()
                .endpointOverride(config.endpoint())
                .region(Region.of(config.region()))
                .credentialsProvider(credentials)
                .serviceConfiguration(s3Config)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
        presigner = S3Presigner.builder()
                .endpointOverride(config.publicEndpoint().orElse(config.endpoint()))
                .region(Region.of(config.region()))
                .credentialsProvider(credentials)
                .serviceConfiguration(s3Config)
                .build();
        if (config.createBucket()) {
            try {
                s3.headBucket(b -> b.bucket(config.bucket()));
            } catch (NoSuchBucketException e) {
                s3.createBucket(b -> b.bucket(config.bucket()));
            }
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (s3 != null) {
            s3.close();
            presigner.close();
        }
    }

    /** A URL the client PUTs the object to, with exactly this content type. */
    public URI presignPut(String key, String contentType) {
        return toUri(presigner
                .presignPutObject(p -> p.signatureDuration(config.presignTtl())
                        .putObjectRequest(
                                r -> r.bucket(config.bucket()).key(key).contentType(contentType)))
                .url());
    }

    /** A URL the client GETs the object from; {@code downloadName} sets the file name browsers save it as. */
    public URI presignGet(String key, Optional<String> downloadName) {
        return toUri(presigner
                .presignGetObject(p -> p.signatureDuration(config.presignTtl()).getObjectRequest(r -> {
                    r.bucket(config.bucket()).key(key);
                    downloadName.ifPresent(name ->
                            r.responseContentDisposition("attachment; filename=\"" + name.replace("\"", "") + "\""));
                }))
                .url());
    }

    public Duration presignTtl() {
        return config.presignTtl();
    }

    public Uni<Void> upload(String key, Path file, String contentType) {
        return blocking(() -> {
            s3.putObject(r -> r.bucket(config.bucket()).key(key).contentType(contentType), RequestBody.fromFile(file));
            return null;
        });
    }

    /** Streams the object into {@code target}, replacing it. */
    public Uni<Path> download(String key, Path target) {
        return blocking(() -> {
            java.nio.file.Files.deleteIfExists(target);
            s3.getObject(r -> r.bucket(config.bucket()).key(key), ResponseTransformer.toFile(target));
            return target;
        });
    }

    /** Size and content type of the object, or empty when there is none. */
    public Uni<Optional<StoredObject>> head(String key) {
        return blocking(() -> {
            try {
                HeadObjectResponse head =
                        s3.headObject(r -> r.bucket(config.bucket()).key(key));
                return Optional.of(new StoredObject(key, head.contentLength(), head.contentType()));
            } catch (NoSuchKeyException e) {
                return Optional.empty();
            } catch (S3Exception e) {
                if (e.statusCode() == 404) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    public Uni<Void> delete(String key) {
        return blocking(() -> {
            s3.deleteObject(r -> r.bucket(config.bucket()).key(key));
            return null;
        });
    }

    private static <T> Uni<T> blocking(Work<T> work) {
        return Uni.createFrom()
                .item(() -> {
                    try {
                        return work.run();
                    } catch (RuntimeException e) {
                        throw e;
                    } catch (Exception e) {
                        throw new java.io.UncheckedIOException(new java.io.IOException(e.getMessage(), e));
                    }
                })
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    @FunctionalInterface
    private interface Work<T> {
        T run() throws Exception;
    }

    private static URI toUri(java.net.URL url) {
        try {
            return url.toURI();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public record StoredObject(String key, long sizeBytes, String contentType) {}
}
