package io.mashups.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Malformed requests for every operation of an OpenAPI document, generated from it: odd path segments, wrong and
 * extreme query values (paging included), and bodies that are not JSON, not the declared shape, nested too deep,
 * repeat a key, miss or add fields, or put wrong types, huge and empty strings, control characters and unicode edge
 * cases in each field. A new endpoint gets its cases from its own description, with nothing written by hand.
 */
final class FuzzCases {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    /** A well-formed id for path parameters that are not the one being broken (nobody owns it). */
    static final String SOME_ID = "f0000000-0000-4000-8000-00000000f022";

    /** Path segments as sent on the wire (already %-escaped where a URI needs it). */
    private static final List<String> ODD_SEGMENTS = List.of(
            "%22",
            "%00",
            "%0D%0Ax",
            "%7B%7D",
            "%5C",
            "..",
            "%2F",
            "%25",
            "%FF%FE",
            "%F0%9F%8E%B5",
            "%E2%80%AE%E2%80%8B",
            "-1",
            "%20",
            "x".repeat(5000));

    private static final List<String> ODD_QUERY_VALUES = List.of(
            "",
            "abc",
            "-1",
            "0",
            "99999999999999999999",
            "1e309",
            "NaN",
            "%00",
            "%FF",
            "%F0%9F%8E%B5",
            "x".repeat(3000));

    /** Whole bodies that are not the JSON object an operation takes. */
    private static final List<String> ODD_BODIES = List.of(
            "",
            "not json",
            "{",
            "[]",
            "null",
            "\"text\"",
            "12",
            "{\"a\":1}{\"b\":2}",
            "[".repeat(5000) + "]".repeat(5000),
            "{\"a\":".repeat(3000) + "1" + "}".repeat(3000));

    record Param(String name, String in, JsonNode schema) {}

    record Operation(String service, String method, String template, List<Param> params, JsonNode body) {
        String id() {
            return service + " " + method.toUpperCase() + " " + template;
        }
    }

    /** One request: {@code target} is the path and query as sent. */
    record Request(Operation operation, String kind, String target, String contentType, byte[] body) {}

    private FuzzCases() {}

    static List<Operation> operations(String service, JsonNode document) {
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths =
                        document.path("paths").fields();
                paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext(); ) {
                Map.Entry<String, JsonNode> method = methods.next();
                if (!METHODS.contains(method.getKey())) {
                    continue;
                }
                List<Param> params = new ArrayList<>();
                for (JsonNode list : List.of(
                        path.getValue().path("parameters"), method.getValue().path("parameters"))) {
                    for (JsonNode param : list) {
                        JsonNode resolved = resolve(document, param);
                        params.add(new Param(
                                resolved.path("name").asText(),
                                resolved.path("in").asText(),
                                resolve(document, resolved.path("schema"))));
                    }
                }
                JsonNode body = method.getValue()
                        .path("requestBody")
                        .path("content")
                        .path("application/json")
                        .path("schema");
                operations.add(new Operation(
                        service,
                        method.getKey(),
                        path.getKey(),
                        params,
                        body.isMissingNode() ? null : resolveDeep(document, body, 0)));
            }
        }
        return operations;
    }

    static List<Request> cases(Operation operation) {
        Map<String, Request> cases = new LinkedHashMap<>();
        String validPath = path(operation, null, null);
        byte[] validBody = operation.body() == null ? null : bytes(example(operation.body()));
        String type = operation.body() == null ? null : "application/json";

        for (Param param : operation.params()) {
            if (param.in().equals("path")) {
                for (String segment : ODD_SEGMENTS) {
                    add(
                            cases,
                            operation,
                            "path " + param.name(),
                            path(operation, param.name(), segment),
                            type,
                            validBody);
                }
            } else if (param.in().equals("query")) {
                for (String value : ODD_QUERY_VALUES) {
                    add(
                            cases,
                            operation,
                            "query " + param.name(),
                            validPath + "?" + param.name() + "=" + value,
                            type,
                            validBody);
                }
                add(
                        cases,
                        operation,
                        "query " + param.name() + " twice",
                        validPath + "?" + param.name() + "=1&" + param.name() + "=2",
                        type,
                        validBody);
            }
        }
        add(cases, operation, "unknown query", validPath + "?zz%00=%FF&zz=" + "y".repeat(100), type, validBody);
        add(cases, operation, "valid", validPath, type, validBody);
        if (operation.body() != null) {
            for (String body : ODD_BODIES) {
                add(cases, operation, "body not the object", validPath, type, body.getBytes(StandardCharsets.UTF_8));
            }
            add(cases, operation, "content type text/plain", validPath, "text/plain", validBody);
            add(cases, operation, "content type xml", validPath, "application/xml", "<a>1</a>".getBytes());
            add(cases, operation, "no content type", validPath, null, validBody);
            add(cases, operation, "empty object", validPath, type, "{}".getBytes());
            JsonNode example = example(operation.body());
            if (example instanceof ObjectNode object) {
                ObjectNode unknown = object.deepCopy().put("zzUnknownField", 1);
                add(cases, operation, "unknown field", validPath, type, bytes(unknown));
                if (object.size() > 0) {
                    String first = object.fieldNames().next();
                    String repeated = "{" + NODES.textNode(first) + ":" + object.get(first) + ","
                            + new String(bytes(object), StandardCharsets.UTF_8).substring(1);
                    add(cases, operation, "repeated field", validPath, type, repeated.getBytes(StandardCharsets.UTF_8));
                }
                for (Iterator<Map.Entry<String, JsonNode>> properties =
                                operation.body().path("properties").fields();
                        properties.hasNext(); ) {
                    Map.Entry<String, JsonNode> property = properties.next();
                    for (Map.Entry<String, JsonNode> odd :
                            oddValues(property.getValue()).entrySet()) {
                        ObjectNode mutated = object.deepCopy();
                        mutated.set(property.getKey(), odd.getValue());
                        add(
                                cases,
                                operation,
                                "field " + property.getKey() + " " + odd.getKey(),
                                validPath,
                                type,
                                bytes(mutated));
                    }
                    ObjectNode missing = object.deepCopy();
                    missing.remove(property.getKey());
                    add(cases, operation, "field " + property.getKey() + " missing", validPath, type, bytes(missing));
                }
            }
        }
        return new ArrayList<>(cases.values());
    }

    /** A body of {@code megabytes} of JSON string: over every service's body limit. */
    static Request oversized(Operation operation, int megabytes) {
        byte[] body = ("{\"x\":\"" + "z".repeat(megabytes * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        return new Request(
                operation,
                "oversized body (" + megabytes + " MB)",
                path(operation, null, null),
                "application/json",
                body);
    }

    private static void add(
            Map<String, Request> cases, Operation operation, String kind, String target, String type, byte[] body) {
        String key = target + "\n" + type + "\n" + (body == null ? "" : new String(body, StandardCharsets.UTF_8));
        cases.putIfAbsent(key, new Request(operation, kind, target, type, body));
    }

    private static String path(Operation operation, String broken, String segment) {
        String path = operation.template();
        for (Param param : operation.params()) {
            if (param.in().equals("path")) {
                path = path.replace("{" + param.name() + "}", param.name().equals(broken) ? segment : SOME_ID);
            }
        }
        return path;
    }

    /** Values that break a field of this schema: wrong types, nothing, extremes, control and odd characters. */
    private static Map<String, JsonNode> oddValues(JsonNode schema) {
        Map<String, JsonNode> odd = new LinkedHashMap<>();
        String type = schema.path("type").asText("string");
        odd.put("null", NODES.nullNode());
        odd.put("object", NODES.objectNode().put("a", 1));
        switch (type) {
            case "integer", "number" -> {
                odd.put("text", NODES.textNode("abc"));
                odd.put("-1", NODES.numberNode(-1));
                odd.put("huge", NODES.numberNode(new java.math.BigDecimal("1e400")));
                odd.put("2^63", NODES.numberNode(new java.math.BigInteger("9223372036854775808")));
                odd.put("fraction", NODES.numberNode(0.5));
            }
            case "boolean" -> odd.put("text", NODES.textNode("yes"));
            case "array" -> {
                odd.put("text", NODES.textNode("abc"));
                odd.put(
                        "array of odd",
                        NODES.arrayNode().add(NODES.nullNode()).add("\u0000").add(NODES.objectNode()));
                odd.put("array of 20000", manyNumbers(20_000));
            }
            case "object" -> odd.put("text", NODES.textNode("abc"));
            default -> {
                odd.put("number", NODES.numberNode(12));
                odd.put("empty", NODES.textNode(""));
                odd.put("blank", NODES.textNode(" \t "));
                odd.put("huge", NODES.textNode("x".repeat(200_000)));
                odd.put("control", NODES.textNode("a\u0001b\u001bc\u007f"));
                odd.put("NUL", NODES.textNode("nul\u0000"));
                odd.put("lone surrogate", NODES.textNode("a\ud800b"));
                odd.put("unicode", NODES.textNode("\u202e\u200b\ufeff\ud83c\udfb5 e\u0301 \uffff"));
                odd.put("markup", NODES.textNode("<script>x</script>' OR 1=1 --"));
            }
        }
        return odd;
    }

    /** A value the schema allows, from its examples where it has them. */
    static JsonNode example(JsonNode schema) {
        if (schema.has("examples") && schema.get("examples").size() > 0) {
            return schema.get("examples").get(0);
        }
        if (schema.has("example")) {
            return schema.get("example");
        }
        if (schema.has("enum") && schema.get("enum").size() > 0) {
            return schema.get("enum").get(0);
        }
        return switch (schema.path("type").asText("object")) {
            case "integer", "number" ->
                NODES.numberNode(Math.max(1, schema.path("minimum").asInt(1)));
            case "boolean" -> NODES.booleanNode(true);
            case "string" -> NODES.textNode("fuzz");
            case "array" -> NODES.arrayNode();
            default -> {
                ObjectNode object = NODES.objectNode();
                for (Iterator<Map.Entry<String, JsonNode>> properties =
                                schema.path("properties").fields();
                        properties.hasNext(); ) {
                    Map.Entry<String, JsonNode> property = properties.next();
                    object.set(property.getKey(), example(property.getValue()));
                }
                yield object;
            }
        };
    }

    private static JsonNode resolve(JsonNode document, JsonNode node) {
        Set<String> seen = new LinkedHashSet<>();
        while (node.has("$ref") && seen.add(node.get("$ref").asText())) {
            node = document.at(node.get("$ref").asText().substring(1));
        }
        return node;
    }

    /** The schema with its references replaced, a few levels deep (enough for request bodies). */
    private static JsonNode resolveDeep(JsonNode document, JsonNode schema, int depth) {
        JsonNode resolved = resolve(document, schema).deepCopy();
        if (depth < 4 && resolved instanceof ObjectNode object && object.has("properties")) {
            ObjectNode properties = (ObjectNode) object.get("properties");
            for (Iterator<Map.Entry<String, JsonNode>> fields = properties.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                field.setValue(resolveDeep(document, field.getValue(), depth + 1));
            }
        }
        return resolved;
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A list longer than any field takes. */
    private static JsonNode manyNumbers(int count) {
        var many = NODES.arrayNode();
        for (int i = 0; i < count; i++) {
            many.add(i);
        }
        return many;
    }
}
