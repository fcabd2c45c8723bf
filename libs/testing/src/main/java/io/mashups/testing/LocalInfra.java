package io.mashups.testing;

import java.nio.file.Path;
import java.util.Optional;

/** Connection settings of the infrastructure deploy/local starts; the same environment variables override them. */
public final class LocalInfra {
    public static String pgHost() {
        return env("MASHUPS_PG_HOST", "127.0.0.1");
    }

    public static String pgPort() {
        return env("MASHUPS_PG_PORT", "5432");
    }

    public static String pgDatabase() {
        return env("MASHUPS_PG_DB", "mashups");
    }

    public static String pgUser() {
        return env("MASHUPS_PG_USER", "mashups");
    }

    public static String pgPassword() {
        return env("MASHUPS_PG_PASSWORD", "mashups");
    }

    public static String kafkaBootstrap() {
        return env("MASHUPS_KAFKA_BOOTSTRAP", "127.0.0.1:9092");
    }

    public static String s3Endpoint() {
        return env("MASHUPS_S3_ENDPOINT", "http://127.0.0.1:9000");
    }

    public static String s3AccessKey() {
        return env("MASHUPS_S3_ACCESS_KEY", "mashups");
    }

    public static String s3SecretKey() {
        return env("MASHUPS_S3_SECRET_KEY", "mashups-local-secret");
    }

    public static String s3Bucket() {
        return env("MASHUPS_S3_BUCKET", "mashups");
    }

    public static String jdbcUrl() {
        return "jdbc:postgresql://" + pgHost() + ":" + pgPort() + "/" + pgDatabase();
    }

    /** The state folder of deploy/local (Kafka jars live under it): $MASHUPS_LOCAL, else .local at the repository root. */
    public static Path localDir() {
        String configured = System.getenv("MASHUPS_LOCAL");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (java.nio.file.Files.isDirectory(dir.resolve("deploy/local"))) {
                return dir.resolve(".local");
            }
        }
        throw new IllegalStateException("not inside the mashups repository and MASHUPS_LOCAL is not set");
    }

    private static String env(String name, String fallback) {
        return Optional.ofNullable(System.getenv(name))
                .filter(v -> !v.isBlank())
                .orElse(fallback);
    }

    private LocalInfra() {}
}
