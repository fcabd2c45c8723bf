package io.mashups.systemtests;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The runtime half of the frontend contract: an answer the fleet gave, validated against the seed plan's type for
 * its endpoint (JSON Schemas that the contract module derives from {@code contract/seed.ts}, extra fields allowed).
 * A failure names the endpoint and every field that differs.
 */
final class SeedContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode DEFINITIONS = definitions();

    private SeedContract() {}

    /** Fails unless {@code answer} (JSON text) is what the seed plan's {@code type} says {@code endpoint} answers. */
    static JsonNode assertAnswers(String endpoint, String type, String answer) {
        JsonNode json;
        try {
            json = JSON.readTree(answer);
        } catch (IOException e) {
            throw new AssertionError(endpoint + " answered something that is not JSON: " + answer, e);
        }
        Set<ValidationMessage> errors = schemaOf(type).validate(json);
        if (!errors.isEmpty()) {
            fail(endpoint + " drifted from the seed plan's " + type + ": "
                    + errors.stream()
                            .map(ValidationMessage::getMessage)
                            .sorted()
                            .collect(Collectors.joining("; "))
                    + "\n  answer: " + answer);
        }
        return json;
    }

    /** The seed plan's type, as a schema that resolves its references among the seed's definitions. */
    static JsonSchema schemaOf(String type) {
        if (!DEFINITIONS.has(type)) {
            throw new IllegalArgumentException("contract/seed.ts has no type " + type);
        }
        ObjectNode schema = JSON.createObjectNode();
        schema.put("$ref", "#/definitions/" + type);
        schema.set("definitions", DEFINITIONS);
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schema);
    }

    private static JsonNode definitions() {
        Path file = Fleet.repositoryRoot().resolve("contract/target/seed.schema.json");
        try {
            return JSON.readTree(Files.readString(file)).get("definitions");
        } catch (IOException e) {
            throw new UncheckedIOException(file + " is missing: build the contract module first", e);
        }
    }
}
