package io.mashups.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Points a service under test at the shared local infrastructure, isolated per test run: its own Postgres schema
 * (dropped afterwards), its own consumer groups, tokens from {@link TestTokens} trusted by quarkus-oidc, and the
 * object store. With the init argument {@code kafka=dedicated} it runs a {@link KafkaBroker} of its own instead of
 * the shared one, for tests that stop Kafka ({@link #dedicatedKafka()}); {@code kafka=scram} runs one whose clients
 * log in with SASL/SCRAM, and gives the service that login through its {@code kafka.*} configuration only.
 *
 * <p>Use it on every test class of a module with the same arguments, so Quarkus boots the app once per module:
 * {@code @QuarkusTestResource(MashupsTestEnvironment.class)}.
 */
public class MashupsTestEnvironment implements QuarkusTestResourceLifecycleManager {
    private static volatile KafkaBroker dedicated;
    private String schema;

    private Map<String, String> args = Map.of();

    @Override
    public void init(Map<String, String> initArgs) {
        this.args = initArgs == null ? Map.of() : Map.copyOf(initArgs);
    }

    @Override
    public Map<String, String> start() {
        String run = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        schema = "test_" + run;
        Map<String, String> config = new HashMap<>();
        config.put("mashups.db.schema", schema);
        config.put("mashups.kafka.group-prefix", "test-" + run);
        String kafka = args.getOrDefault("kafka", "shared");
        switch (kafka) {
            case "shared" -> config.put("kafka.bootstrap.servers", LocalInfra.kafkaBootstrap());
            case "dedicated", "scram" -> {
                dedicated = ("scram".equals(kafka) ? KafkaBroker.withScram() : new KafkaBroker()).start();
                dedicated.clientProperties().forEach((key, value) -> config.put("kafka." + key, value));
            }
            default -> throw new IllegalArgumentException("kafka=" + kafka + ": shared, dedicated or scram");
        }
        config.put("quarkus.oidc.public-key", TestTokens.publicKey());
        config.put("quarkus.oidc.token.issuer", TestTokens.ISSUER);
        config.put("mashups.object-store.endpoint", LocalInfra.s3Endpoint());
        config.put("mashups.object-store.bucket", LocalInfra.s3Bucket());
        config.put("mashups.object-store.access-key", LocalInfra.s3AccessKey());
        config.put("mashups.object-store.secret-key", LocalInfra.s3SecretKey());
        config.put("mashups.object-store.create-bucket", "true");
        return config;
    }

    @Override
    public void stop() {
        if (dedicated != null) {
            dedicated.close();
            dedicated = null;
        }
        try (Connection connection = connect(LocalInfra.jdbcUrl())) {
            connection.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            System.err.println("could not drop test schema " + schema + ": " + e.getMessage());
        }
    }

    /** The broker started for {@code kafka=dedicated}, to stop and restart in fault tests. */
    public static KafkaBroker dedicatedKafka() {
        if (dedicated == null) {
            throw new IllegalStateException(
                    "start MashupsTestEnvironment with initArgs kafka=dedicated or kafka=scram");
        }
        return dedicated;
    }

    /** The schema of this run, for tests that inspect tables directly. */
    public static Connection jdbc(String schema) throws SQLException {
        return connect(LocalInfra.jdbcUrl() + "?currentSchema=" + schema);
    }

    /** The first column of the first row of a query on the run's schema (0 for no row): counts, mostly. */
    public static long count(String schema, String sql) throws SQLException {
        try (Connection c = jdbc(schema);
                var rs = c.createStatement().executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /** Runs a statement on the run's schema (test set-up that the API cannot make, such as a dead worker's claim). */
    public static void execute(String schema, String sql) throws SQLException {
        try (Connection c = jdbc(schema);
                var statement = c.createStatement()) {
            statement.execute(sql);
        }
    }

    /** The driver directly: DriverManager does not see it from Quarkus' test class loader. */
    private static Connection connect(String url) throws SQLException {
        java.util.Properties props = new java.util.Properties();
        props.setProperty("user", LocalInfra.pgUser());
        props.setProperty("password", LocalInfra.pgPassword());
        return new org.postgresql.Driver().connect(url, props);
    }
}
