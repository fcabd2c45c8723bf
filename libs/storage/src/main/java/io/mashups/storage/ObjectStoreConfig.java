package io.mashups.storage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** Where objects live. Credentials come from the environment (MASHUPS_OBJECT_STORE_ACCESS_KEY / _SECRET_KEY) or a Secret. */
@ConfigMapping(prefix = "mashups.object-store")
public interface ObjectStoreConfig {
    /** S3 API endpoint the service talks to (S3, R2, MinIO, S3Proxy). */
    URI endpoint();

    /** Endpoint browsers reach for presigned URLs, when it differs from the in-cluster one. */
    Optional<URI> publicEndpoint();

    @WithDefault("us-east-1")
    String region();

    String bucket();

    String accessKey();

    String secretKey();

    /** Path-style addressing (bucket in the path), which MinIO and S3Proxy need. */
    @WithDefault("true")
    boolean pathStyle();

    /** How long a presigned URL stays valid. */
    @WithDefault("15m")
    Duration presignTtl();

    /** Create the bucket at start if it is missing (local and test installs). */
    @WithDefault("false")
    boolean createBucket();
}
