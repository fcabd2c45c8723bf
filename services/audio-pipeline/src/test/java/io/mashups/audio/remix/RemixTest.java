package io.mashups.audio.remix;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mashups.audio.remix.RemixPolicy.Refusal;
import io.mashups.events.EventCatalog;
import io.mashups.events.audio.RemixStartedV1;
import io.mashups.events.billing.Tier;
import io.mashups.messaging.mashups.Visibility;
import io.mashups.testing.MashupsTestEnvironment;
import io.mashups.testing.TestEvents;
import io.mashups.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Remixing through the API: every cell of the permission matrix answered as the rules say, the licence a remix keeps
 * when the owner changes the permissions later, the credit, the event studio-collab makes the project from, and bad
 * requests.
 */
@QuarkusTest
@QuarkusTestResource(MashupsTestEnvironment.class)
class RemixTest {
    private static final boolean[] BOTH = {false, true};

    @ConfigProperty(name = "mashups.db.schema")
    String schema;

    /** A rendered mashup with its four stems (as the generator records them), its permissions and verdict. */
    private static String mashupSql(
            String id, String owner, Visibility visibility, boolean blocked, RemixPermissions permissions) {
        StringBuilder sql = new StringBuilder()
                .append(
                        "INSERT INTO jobs (id, kind, owner_id, request, status, stage, created_at, updated_at) VALUES ('")
                .append(id)
                .append("', 'mashup', '")
                .append(owner)
                .append("', '{}', 'completed', 'done', now(), now());")
                .append("INSERT INTO mashups (id, owner_id, job_id, title, source_upload_ids, duration_sec, bpm, ")
                .append("musical_key, format, audio_key, waveform_key, visibility, created_at) VALUES ('")
                .append(id)
                .append("', '")
                .append(owner)
                .append("', '")
                .append(id)
                .append("', 'Late night', '[]', 60, 98, 'A minor', 'mp3', 'k', 'w', '")
                .append(visibility.wire())
                .append("', now());");
        for (String stem : List.of("vocals", "drums", "bass", "other")) {
            sql.append("INSERT INTO mashup_stems (mashup_id, stem, object_key, duration_sec, engine, created_at) ")
                    .append("VALUES ('")
                    .append(id)
                    .append("', '")
                    .append(stem)
                    .append("', 'mashups/")
                    .append(id)
                    .append('/')
                    .append(stem)
                    .append(".flac', 60, 'builtin', now());");
        }
        sql.append("INSERT INTO remix_permissions (mashup_id, allow_remix, require_attribution, allow_commercial, ")
                .append("updated_at) VALUES ('")
                .append(id)
                .append("', ")
                .append(permissions.allowRemix())
                .append(", ")
                .append(permissions.requireAttribution())
                .append(", ")
                .append(permissions.allowCommercial())
                .append(", now());");
        if (blocked) {
            sql.append("INSERT INTO mashup_verdicts (mashup_id, verdict, reason, decided_at) VALUES ('")
                    .append(id)
                    .append("', 'blocked', 'a rights holder blocked it', now());");
        }
        return sql.toString();
    }

    private String mashup(String owner, Visibility visibility, boolean blocked, RemixPermissions permissions)
            throws Exception {
        String id = "m-" + UUID.randomUUID();
        MashupsTestEnvironment.execute(schema, mashupSql(id, owner, visibility, blocked, permissions));
        return id;
    }

    private static Response remix(String user, String mashupId, Map<String, Object> body) {
        return given().auth()
                .oauth2(TestTokens.forUser(user))
                .contentType("application/json")
                .body(body)
                .post("/api/mashups/" + mashupId + "/remix");
    }

    /** The status and problem type each answer is to have. */
    private static String answer(Optional<Refusal> refusal) {
        return refusal.map(r -> switch (r) {
                    case NOT_FOUND -> "404 not-found";
                    case BLOCKED_BY_CONTENT_ID -> "409 content-id-blocked";
                    case TIER_WITHOUT_STEM_EXPORTS -> "402 limit-reached";
                    case REMIX_NOT_ALLOWED -> "403 remix-not-allowed";
                    case COMMERCIAL_USE_NOT_ALLOWED -> "403 commercial-use-not-allowed";
                })
                .orElse("202");
    }

    @Test
    void everyCellOfTheMatrixIsAnsweredAsSpecified() throws Exception {
        Map<Tier, String> owners = new EnumMap<>(Tier.class);
        Map<Tier, String> others = new EnumMap<>(Tier.class);
        for (Tier tier : Tier.values()) {
            owners.put(tier, TestEvents.userOn(tier, schema));
            others.put(tier, TestEvents.userOn(tier, schema));
        }
        // one mashup per owner's tier, visibility, verdict and permissions, made in one statement
        record Made(Tier tier, Visibility visibility, boolean blocked, RemixPermissions permissions, String id) {}
        List<Made> made = new ArrayList<>();
        StringBuilder sql = new StringBuilder();
        for (Tier tier : Tier.values()) {
            for (Visibility visibility : Visibility.values()) {
                for (boolean blocked : BOTH) {
                    for (boolean allowRemix : BOTH) {
                        for (boolean requireAttribution : BOTH) {
                            for (boolean allowCommercial : BOTH) {
                                var permissions = new RemixPermissions(allowRemix, requireAttribution, allowCommercial);
                                String id = "m-" + UUID.randomUUID();
                                sql.append(mashupSql(id, owners.get(tier), visibility, blocked, permissions));
                                made.add(new Made(tier, visibility, blocked, permissions, id));
                            }
                        }
                    }
                }
            }
        }
        MashupsTestEnvironment.execute(schema, sql.toString());

        List<String> wrong = new ArrayList<>();
        int cells = 0;
        for (Made mashup : made) {
            for (boolean owner : BOTH) {
                for (boolean commercial : BOTH) {
                    String caller = (owner ? owners : others).get(mashup.tier());
                    String want = answer(RemixPolicyTest.expected(
                            owner,
                            mashup.visibility(),
                            mashup.blocked(),
                            mashup.tier(),
                            mashup.permissions(),
                            commercial));
                    Response response = remix(caller, mashup.id(), Map.of("commercial", commercial));
                    String type = response.statusCode() == 202
                            ? ""
                            : response.jsonPath().getString("type");
                    String got = response.statusCode() + (type.isEmpty() ? "" : " " + type.replaceAll(".*/", ""));
                    if (!want.equals(got)) {
                        wrong.add(mashup + " owner=" + owner + " commercial=" + commercial + ": want " + want + ", got "
                                + got);
                    }
                    if (got.equals("202")) {
                        boolean credited = response.jsonPath().get("credit") != null;
                        if (credited != mashup.permissions().requireAttribution()) {
                            wrong.add(mashup + ": credit " + credited);
                        }
                    }
                    cells++;
                }
            }
        }
        assertEquals(576, cells);
        assertEquals(List.of(), wrong);
    }

    @Test
    void aRemixKeepsItsLicenceWhenTheOwnerChangesThePermissions() throws Exception {
        String owner = TestEvents.userOn(Tier.PRO, schema);
        String remixer = TestEvents.userOn(Tier.STUDIO, schema);
        String id = mashup(owner, Visibility.PUBLIC, false, RemixPermissions.DEFAULTS);
        String key = "click-" + UUID.randomUUID();

        Response begun = given().auth()
                .oauth2(TestTokens.forUser(remixer))
                .header("Idempotency-Key", key)
                .contentType("application/json")
                .body(Map.of("title", "Late night (VIP)"))
                .post("/api/mashups/" + id + "/remix");
        begun.then()
                .statusCode(202)
                .header("Location", endsWith("/api/projects/" + begun.jsonPath().getString("remixId")))
                .body("projectId", equalTo(begun.jsonPath().getString("remixId")))
                .body("title", equalTo("Late night (VIP)"))
                .body("licence.allowRemix", equalTo(true))
                .body("licence.requireAttribution", equalTo(true))
                .body("licence.allowCommercial", equalTo(false))
                .body("credit.mashupId", equalTo(id))
                .body("credit.title", equalTo("Late night"))
                .body("credit.ownerId", equalTo(owner));
        String remixId = begun.jsonPath().getString("remixId");

        given().auth()
                .oauth2(TestTokens.forUser(owner))
                .contentType("application/json")
                .body(Map.of("allowRemix", false, "requireAttribution", false, "allowCommercial", true))
                .put("/api/mashups/" + id + "/remix-permissions")
                .then()
                .statusCode(200);

        // the same click again answers the remix as it began: its licence, not today's permissions
        given().auth()
                .oauth2(TestTokens.forUser(remixer))
                .header("Idempotency-Key", key)
                .contentType("application/json")
                .body(Map.of("title", "Late night (VIP)"))
                .post("/api/mashups/" + id + "/remix")
                .then()
                .statusCode(202)
                .body("remixId", equalTo(remixId))
                .body("licence.allowRemix", equalTo(true))
                .body("licence.requireAttribution", equalTo(true))
                .body("licence.allowCommercial", equalTo(false))
                .body("credit.ownerId", equalTo(owner));
        assertEquals(
                1,
                MashupsTestEnvironment.count(
                        schema,
                        "SELECT count(*) FROM remixes WHERE id = '" + remixId + "' AND allow_remix AND "
                                + "require_attribution AND NOT allow_commercial"));
        // a new remix meets today's permissions
        remix(remixer, id, Map.of()).then().statusCode(403).body("type", endsWith("/remix-not-allowed"));

        List<RemixStartedV1> started = TestEvents.published(EventCatalog.REMIX_STARTED, remixId);
        assertEquals(1, started.size());
        RemixStartedV1 event = started.get(0);
        assertEquals(remixer, event.remixerId());
        assertEquals(id, event.mashupId());
        assertEquals(new RemixStartedV1.Licence(true, true, false), event.licence());
        assertEquals(new RemixStartedV1.Credit(id, "Late night", owner), event.credit());
        assertEquals(60, event.durationSec());
        for (String stem : List.of("vocals", "drums", "bass", "other")) {
            assertEquals("mashups/" + id + "/" + stem + ".flac", event.stems().get(stem));
        }
    }

    @Test
    void stemsGoToTheOwnerAndToWhoeverMayRemixOnATierWithStemExports() throws Exception {
        String owner = TestEvents.userOn(Tier.PRO, schema);
        String pro = TestEvents.userOn(Tier.PRO, schema);
        String free = TestEvents.userOn(Tier.FREE, schema);
        String open = mashup(owner, Visibility.UNLISTED, false, RemixPermissions.DEFAULTS);
        String closed = mashup(owner, Visibility.PUBLIC, false, new RemixPermissions(false, true, false));

        given().auth()
                .oauth2(TestTokens.forUser(pro))
                .get("/api/mashups/" + open + "/stems")
                .then()
                .statusCode(200)
                .body("mashupId", equalTo(open))
                .body("stems", hasSize(4))
                .body("stems.stem", equalTo(List.of("vocals", "drums", "bass", "other")))
                .body("stems[0].url", org.hamcrest.Matchers.containsString("X-Amz-Signature"))
                .body("stems[1].durationSec", equalTo(60.0f));
        given().auth()
                .oauth2(TestTokens.forUser(free))
                .get("/api/mashups/" + open + "/stems")
                .then()
                .statusCode(402)
                .contentType("application/problem+json")
                .body("upgrade", equalTo("/api/billing/checkout"));
        given().auth()
                .oauth2(TestTokens.forUser(pro))
                .get("/api/mashups/" + closed + "/stems")
                .then()
                .statusCode(403)
                .body("type", endsWith("/remix-not-allowed"));
        given().auth()
                .oauth2(TestTokens.forUser(owner))
                .get("/api/mashups/" + closed + "/stems")
                .then()
                .statusCode(200);
    }

    @Test
    void badRequestsAreClearProblemsAndMashupsWithoutStemsCannotBeRemixed() throws Exception {
        String owner = TestEvents.userOn(Tier.PRO, schema);
        String id = mashup(owner, Visibility.PUBLIC, false, RemixPermissions.DEFAULTS);
        for (String body : List.of(
                "{\"title\": \"" + "x".repeat(121) + "\"}",
                "{\"title\": \"\"}",
                "{\"title\": \"a\\u0000b\"}",
                "{\"commercial\": \"yes\"}",
                "[1, 2]")) {
            given().auth()
                    .oauth2(TestTokens.forUser(owner))
                    .contentType("application/json")
                    .body(body)
                    .post("/api/mashups/" + id + "/remix")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json");
        }
        // no body: the defaults, and the title from the mashup's
        given().auth()
                .oauth2(TestTokens.forUser(owner))
                .post("/api/mashups/" + id + "/remix")
                .then()
                .statusCode(202)
                .body("title", equalTo("Late night (remix)"))
                .body("commercial", equalTo(false));
        given().post("/api/mashups/" + id + "/remix").then().statusCode(401);

        String old = mashup(owner, Visibility.PUBLIC, false, RemixPermissions.DEFAULTS);
        MashupsTestEnvironment.execute(schema, "DELETE FROM mashup_stems WHERE mashup_id = '" + old + "'");
        remix(owner, old, Map.of())
                .then()
                .statusCode(409)
                .body("type", endsWith("/no-stems"))
                .body("credit", nullValue());
    }
}
