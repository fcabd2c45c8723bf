package io.mashups.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mashups.json.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProblemTest {
    @Test
    void extensionsStandBesideTheStandardMembers() throws Exception {
        Problem problem = Problem.of(409, "not-downloadable", "Nothing to download", "It failed")
                .with("jobStatus", "failed");
        JsonNode json = Json.mapper().valueToTree(problem);
        assertEquals(409, json.get("status").asInt());
        assertTrue(json.get("status").isInt(), "status stays RFC 9457's number");
        assertEquals("failed", json.get("jobStatus").asText());
        assertEquals(
                "https://mashups.io/problems/not-downloadable", json.get("type").asText());
    }

    @Test
    void noExtensionMayReplaceAStandardMember() {
        for (String member : Problem.STANDARD_MEMBERS) {
            IllegalArgumentException refused = assertThrows(
                    IllegalArgumentException.class,
                    () -> Problem.of(400, "x", "X", "x").with(member, "other"));
            assertTrue(refused.getMessage().contains(member), refused.getMessage());
            assertThrows(
                    IllegalArgumentException.class,
                    () -> new Problem(null, "X", 400, null, null, Map.of(member, "other")));
        }
    }

    @Test
    void anyRequestPathBecomesTheInstanceEscaped() {
        Problem problem = Problem.of(400, "validation", "Invalid request", null);
        assertEquals(
                "/api/battles/a%20b", problem.at("/api/battles/a b").instance().toString());
        assertEquals(
                "/api/battles/a%00b",
                problem.at("/api/battles/a\u0000b").instance().toASCIIString());
        assertEquals("/api/x%E2%82%ACy", problem.at("/api/x\u20acy").instance().toASCIIString());
    }
}
