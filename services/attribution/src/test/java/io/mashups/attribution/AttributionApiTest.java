package io.mashups.attribution;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mashups.attribution.contentid.ContentIdResource;
import io.mashups.attribution.fingerprint.SongCatalogue;
import io.mashups.events.EventCatalog;
import io.mashups.events.attribution.AttributionVerdictV1;
import io.mashups.events.audio.MashupRenderedV1;
import io.mashups.events.audio.UploadStoredV1;
import io.mashups.media.WorkDirs;
import io.mashups.storage.ObjectStore;
import io.mashups.testing.MashupsTestEnvironment;
import io.mashups.testing.TestEvents;
import io.mashups.testing.TestTokens;
import io.mashups.testing.audio.SongSynth;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Attribution and Content ID through the API against the real Postgres, Kafka, object store, ffmpeg and fpcalc:
 * references registered from uploads, identification of a user's own upload, a rendered mashup's sources found by
 * themselves and its verdict, disputes, and every refusal.
 */
@QuarkusTest
@QuarkusTestResource(MashupsTestEnvironment.class)
class AttributionApiTest {
    private static final String ADMIN = "admin-" + UUID.randomUUID();
    private static final String HOLDER = "label-" + UUID.randomUUID();
    private static final String CREATOR = "creator-" + UUID.randomUUID();
    private static Path songDir;
    private static SongCatalogue catalogue;
    private static SongSynth.Song vocalSong;
    private static SongSynth.Song bandSong;

    @Inject
    ObjectStore store;

    @ConfigProperty(name = "mashups.db.schema")
    String schema;

    @AfterAll
    static void deleteSongs() {
        WorkDirs.delete(songDir);
    }

    @BeforeAll
    static void songs() throws Exception {
        songDir = Files.createTempDirectory("attribution-api");
        catalogue = new SongCatalogue(songDir);
        vocalSong = SongSynth.render(
                new SongSynth.Spec(112, 2, false, 14, false, 9001), SongSynth.Arrangement.varied(9001));
        bandSong =
                SongSynth.render(new SongSynth.Spec(118, 7, true, 15, true, 9002), SongSynth.Arrangement.varied(9002));
    }

    private static String admin() {
        return TestTokens.forUser(ADMIN, "admin");
    }

    private static String holder() {
        return TestTokens.forUser(HOLDER, ContentIdResource.RIGHTS_HOLDER);
    }

    /** A file stored as audio-pipeline stores uploads, announced on audio.upload-stored. */
    private String upload(String owner, Path file, String contentType) throws Exception {
        String id = UUID.randomUUID().toString();
        stored(owner, id, file, contentType);
        await().atMost(Duration.ofSeconds(60))
                .until(() ->
                        MashupsTestEnvironment.count(schema, "SELECT count(*) FROM uploads WHERE id = '" + id + "'")
                                == 1);
        return id;
    }

    /** Stores a file as audio-pipeline stores an upload and announces it; attribution hears of it a moment later. */
    private void stored(String owner, String id, Path file, String contentType) throws Exception {
        String key = "uploads/" + owner + "/" + id + "/" + file.getFileName();
        store.upload(key, file, contentType).await().indefinitely();
        TestEvents.publish(
                EventCatalog.UPLOAD_STORED,
                id,
                new UploadStoredV1(
                        id,
                        owner,
                        key,
                        file.getFileName().toString(),
                        contentType,
                        Files.size(file),
                        30,
                        44100,
                        2,
                        "pcm_f32le"));
    }

    /** Issue 27: identify right after upload was a 404 until attribution had heard of the upload. */
    @Test
    void anUploadAskedForBeforeAttributionHeardOfItIsIdentifiedNot404() throws Exception {
        String owner = "early-" + UUID.randomUUID();
        String id = UUID.randomUUID().toString();
        Path song = catalogue.wav("early-song", bandSong.mix());
        long asked = System.nanoTime();
        java.util.concurrent.CompletableFuture<Void> announced = java.util.concurrent.CompletableFuture.runAsync(() -> {
            try {
                Thread.sleep(1500);
                stored(owner, id, song, "audio/wav");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        identify(TestTokens.forUser(owner), id)
                .then()
                .statusCode(200)
                .body("uploadId", equalTo(id))
                .body("durationSec", greaterThan(10f));
        announced.join();
        assertTrue(System.nanoTime() - asked > 1_500_000_000L, "answered once the upload was announced");
    }

    private static Response identify(String token, String uploadId) {
        return given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body(Map.of("uploadId", uploadId))
                .post("/api/attribution/identify");
    }

    private static String register(String token, String uploadId, String title, String policy) {
        return given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body(Map.of("uploadId", uploadId, "title", title, "artist", "The Synths", "policy", policy))
                .post("/api/content-id/references")
                .then()
                .statusCode(201)
                .body("claim.policy", equalTo(policy))
                .body("chromaprint", equalTo(true))
                .extract()
                .path("id");
    }

    /** Until this replica's index has the reference: identifying its own upload finds it. */
    private static void awaitIndexed(String token, String uploadId, String referenceId) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> identify(token, uploadId)
                        .path("matches.referenceId")
                        .toString()
                        .contains(referenceId));
    }

    @Test
    void referencesAreFoundInUploadsAndMashupsAndBlockedClaimsBlockUntilAReleasedDispute() throws Exception {
        String vocalUpload = upload(ADMIN, catalogue.wav("vocal-song", vocalSong.mix()), "audio/wav");
        String bandUpload = upload(HOLDER, catalogue.wav("band-song", bandSong.mix()), "audio/wav");
        String blockedRef = register(admin(), vocalUpload, "Vocal Song", "block");
        String creditedRef = register(holder(), bandUpload, "Band Song", "attribute");
        awaitIndexed(admin(), vocalUpload, blockedRef);
        awaitIndexed(holder(), bandUpload, creditedRef);

        // a creator's upload of a pitched-up, MP3 excerpt of the band song is identified, offset and shift included
        Path excerpt = catalogue.excerpt(
                catalogue.wav("band-full", bandSong.mix()),
                "band-excerpt",
                8,
                12,
                "rubberband=pitch=" + Math.pow(2, 2 / 12.0),
                "-c:a libmp3lame -b:a 96k");
        String excerptUpload = upload(CREATOR, excerpt, "audio/mpeg");
        Response identified = identify(TestTokens.forUser(CREATOR), excerptUpload);
        identified
                .then()
                .statusCode(200)
                .body("matches[0].referenceId", equalTo(creditedRef))
                .body("matches[0].title", equalTo("Band Song"))
                .body("matches[0].confidence", greaterThan(80))
                .body("matches[0].shiftSemitones", equalTo(2.0f))
                .body("matches[0].fingerprintMatch", equalTo(true))
                .body("acoustId", equalTo(false));
        float referenceStart = identified.path("matches[0].inReference.startSec");
        float queryStart = identified.path("matches[0].matched.startSec");
        assertEquals(8.0, referenceStart - queryStart, 0.15, "offset of the excerpt in the reference");
        // ...and automatically on its announcement
        await().atMost(Duration.ofSeconds(60))
                .until(() -> "completed"
                        .equals(given().auth()
                                .oauth2(TestTokens.forUser(CREATOR))
                                .get("/api/attribution/uploads/" + excerptUpload)
                                .path("status")));
        given().auth()
                .oauth2(TestTokens.forUser(CREATOR))
                .get("/api/attribution/uploads/" + excerptUpload)
                .then()
                .body("sources[0].referenceId", equalTo(creditedRef))
                .body("verdict", equalTo(null));

        // a rendered mashup: the vocal song's voice over the band song, stretched to its tempo
        String mashupId = UUID.randomUUID().toString();
        String key = "mashups/" + mashupId + "/mashup.wav";
        store.upload(key, catalogue.mashup("mashup", vocalSong, bandSong, 24), "audio/wav")
                .await()
                .indefinitely();
        TestEvents.publish(
                EventCatalog.MASHUP_RENDERED,
                mashupId,
                new MashupRenderedV1(
                        mashupId,
                        CREATOR,
                        mashupId,
                        "Mash",
                        List.of(vocalUpload, bandUpload),
                        key,
                        "wav",
                        24,
                        118,
                        "E minor",
                        "private"));
        String creator = TestTokens.forUser(CREATOR);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> "completed"
                        .equals(given().auth()
                                .oauth2(creator)
                                .get("/api/attribution/mashups/" + mashupId)
                                .path("status")));
        Response attribution = given().auth().oauth2(creator).get("/api/attribution/mashups/" + mashupId);
        attribution
                .then()
                .statusCode(200)
                .body("sources.referenceId", hasItem(blockedRef))
                .body("sources.referenceId", hasItem(creditedRef))
                .body("verdict.verdict", equalTo("blocked"))
                .body("verdict.reason", containsString("Vocal Song"));
        float vocalTempo = attribution.path("sources.find { it.referenceId == '" + blockedRef + "' }.tempo");
        assertEquals(118.0 / 112, vocalTempo, 0.01, "the vocal's stretch to the band's tempo");
        await().atMost(Duration.ofSeconds(30)).until(() -> lastVerdict(mashupId).equals("blocked"));

        // others see nothing of it; only the owner disputes, only an administrator resolves
        String stranger = TestTokens.forUser("stranger-" + UUID.randomUUID());
        given().auth()
                .oauth2(stranger)
                .get("/api/attribution/mashups/" + mashupId)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(stranger)
                .contentType("application/json")
                .body(Map.of("reason", "mine"))
                .post("/api/content-id/verdicts/" + mashupId + "/dispute")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(creator)
                .contentType("application/json")
                .body(Map.of("reason", "I licensed the vocal"))
                .post("/api/content-id/verdicts/" + mashupId + "/dispute")
                .then()
                .statusCode(200)
                .body("dispute.status", equalTo("open"));
        given().auth()
                .oauth2(creator)
                .contentType("application/json")
                .body(Map.of("reason", "again"))
                .post("/api/content-id/verdicts/" + mashupId + "/dispute")
                .then()
                .statusCode(409);
        given().auth()
                .oauth2(creator)
                .contentType("application/json")
                .body(Map.of("decision", "release"))
                .post("/api/content-id/disputes/" + mashupId + "/resolve")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(admin())
                .get("/api/content-id/disputes?size=100")
                .then()
                .statusCode(200)
                .body("mashupId", hasItem(mashupId));
        given().auth()
                .oauth2(admin())
                .contentType("application/json")
                .body(Map.of("decision", "maybe"))
                .post("/api/content-id/disputes/" + mashupId + "/resolve")
                .then()
                .statusCode(400);
        given().auth()
                .oauth2(admin())
                .contentType("application/json")
                .body(Map.of("decision", "release", "note", "licence checked"))
                .post("/api/content-id/disputes/" + mashupId + "/resolve")
                .then()
                .statusCode(200)
                .body("verdict", equalTo("attribute"))
                .body("dispute.status", equalTo("released"));
        given().auth()
                .oauth2(creator)
                .get("/api/content-id/verdicts/" + mashupId)
                .then()
                .statusCode(200)
                .body("verdict", equalTo("attribute"))
                .body("dispute.note", equalTo("licence checked"));
        await().atMost(Duration.ofSeconds(30)).until(() -> lastVerdict(mashupId).equals("attribute"));
        given().auth()
                .oauth2(admin())
                .contentType("application/json")
                .body(Map.of("decision", "uphold"))
                .post("/api/content-id/disputes/" + mashupId + "/resolve")
                .then()
                .statusCode(409);

        // a removed reference is no longer found
        given().auth()
                .oauth2(holder())
                .delete("/api/content-id/references/" + creditedRef)
                .then()
                .statusCode(204);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> identify(TestTokens.forUser(CREATOR), excerptUpload)
                        .path("matches.referenceId")
                        .toString()
                        .equals("[]"));
    }

    private static String lastVerdict(String mashupId) {
        List<AttributionVerdictV1> verdicts = TestEvents.published(EventCatalog.ATTRIBUTION_VERDICT, mashupId);
        return verdicts.isEmpty() ? "" : verdicts.get(verdicts.size() - 1).verdict();
    }

    @Test
    void onlyAdministratorsAndRightsHoldersManageTheCatalogueAndOnlyTheirOwnPart() throws Exception {
        Path holderSong = catalogue.wav(
                "holder-song",
                SongSynth.render(new SongSynth.Spec(100, 4, false, 6, false, 9003))
                        .mix());
        String holderUpload = upload(HOLDER, holderSong, "audio/wav");
        String user = TestTokens.forUser(CREATOR);
        given().auth()
                .oauth2(user)
                .contentType("application/json")
                .body(Map.of("uploadId", holderUpload, "title", "t", "artist", "a"))
                .post("/api/content-id/references")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(user).get("/api/content-id/references").then().statusCode(403);
        // a rights holder registers only their own uploads
        String otherHolderId = "label-" + UUID.randomUUID();
        String otherHolder = TestTokens.forUser(otherHolderId, ContentIdResource.RIGHTS_HOLDER);
        given().auth()
                .oauth2(otherHolder)
                .contentType("application/json")
                .body(Map.of("uploadId", holderUpload, "title", "t", "artist", "a"))
                .post("/api/content-id/references")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(holder())
                .contentType("application/json")
                .body(Map.of("uploadId", holderUpload, "title", "", "artist", "a", "policy", "delete"))
                .post("/api/content-id/references")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("title"))
                .body("errors.field", hasItem("policy"));
        // the same upload registered twice at once: one reference, the other request 409
        List<CompletableFuture<Response>> twice = List.of(1, 2).stream()
                .map(n -> CompletableFuture.supplyAsync(() -> given().auth()
                        .oauth2(holder())
                        .contentType("application/json")
                        .body(Map.of(
                                "uploadId", holderUpload, "title", "Holder Song", "artist", "a", "policy", "allow"))
                        .post("/api/content-id/references")))
                .toList();
        List<Response> answers = twice.stream().map(CompletableFuture::join).toList();
        assertEquals(
                List.of(201, 409),
                answers.stream().map(Response::statusCode).sorted().toList());
        String ref = answers.stream()
                .filter(r -> r.statusCode() == 201)
                .findFirst()
                .orElseThrow()
                .path("id");
        given().auth()
                .oauth2(holder())
                .contentType("application/json")
                .body(Map.of("uploadId", holderUpload, "title", "t", "artist", "a"))
                .post("/api/content-id/references")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
        // the same recording, re-encoded by another rights holder: refused while the first reference is live
        awaitIndexed(holder(), holderUpload, ref);
        String copy = upload(
                otherHolderId,
                catalogue.excerpt(holderSong, "holder-song-copy", 0, 60, "", "-c:a libmp3lame -b:a 128k"),
                "audio/mpeg");
        Map<String, String> copyAsReference = Map.of("uploadId", copy, "title", "Copied Song", "artist", "b");
        given().auth()
                .oauth2(otherHolder)
                .contentType("application/json")
                .body(copyAsReference)
                .post("/api/content-id/references")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", containsString("same-recording"))
                .body("referenceId", equalTo(ref))
                .body("detail", containsString("Holder Song"));
        // an excerpt of it is not the same recording
        String excerpt = upload(
                otherHolderId,
                catalogue.excerpt(holderSong, "holder-song-part", 2, 6, "", "-c:a pcm_f32le"),
                "audio/wav");
        String excerptRef = given().auth()
                .oauth2(otherHolder)
                .contentType("application/json")
                .body(Map.of("uploadId", excerpt, "title", "Part", "artist", "b"))
                .post("/api/content-id/references")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        given().auth()
                .oauth2(otherHolder)
                .delete("/api/content-id/references/" + excerptRef)
                .then()
                .statusCode(204);
        String claim = given().auth()
                .oauth2(holder())
                .get("/api/content-id/references/" + ref)
                .then()
                .statusCode(200)
                .extract()
                .path("claim.id");
        given().auth()
                .oauth2(otherHolder)
                .get("/api/content-id/references/" + ref)
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(otherHolder)
                .contentType("application/json")
                .body(Map.of("policy", "block"))
                .patch("/api/content-id/claims/" + claim)
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(holder())
                .contentType("application/json")
                .body(Map.of("policy", "block"))
                .patch("/api/content-id/claims/" + claim)
                .then()
                .statusCode(200)
                .body("policy", equalTo("block"));
        given().auth()
                .oauth2(holder())
                .get("/api/content-id/claims")
                .then()
                .statusCode(200)
                .body("id", hasItem(claim));
        given().auth()
                .oauth2(admin())
                .get("/api/content-id/references?size=100")
                .then()
                .statusCode(200)
                .body("id", hasItem(ref));
        given().auth()
                .oauth2(otherHolder)
                .get("/api/content-id/references")
                .then()
                .statusCode(200)
                .body("$", empty());
        given().auth()
                .oauth2(admin())
                .get("/api/content-id/references?size=1000")
                .then()
                .statusCode(400);
        given().auth()
                .oauth2(otherHolder)
                .delete("/api/content-id/references/" + ref)
                .then()
                .statusCode(404);
        // once the first reference is removed (and out of the index) the copy may be registered
        given().auth()
                .oauth2(holder())
                .delete("/api/content-id/references/" + ref)
                .then()
                .statusCode(204);
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> given().auth()
                                .oauth2(otherHolder)
                                .contentType("application/json")
                                .body(copyAsReference)
                                .post("/api/content-id/references")
                                .statusCode()
                        == 201);
        given().get("/api/content-id/references").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void badInputGetsAClearAnswerAndStoresNothing() throws Exception {
        String owner = "owner-" + UUID.randomUUID();
        String token = TestTokens.forUser(owner);
        identify(token, UUID.randomUUID().toString()).then().statusCode(404).contentType("application/problem+json");
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body("{}")
                .post("/api/attribution/identify")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("uploadId"));
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body("{\"uploadId\":")
                .post("/api/attribution/identify")
                .then()
                .statusCode(400);
        identify("not-a-token", "x").then().statusCode(401);

        String someoneElses = upload(
                "other-" + UUID.randomUUID(),
                catalogue.wav(
                        "others",
                        SongSynth.render(new SongSynth.Spec(120, 0, false, 4, false, 9004))
                                .mix()),
                "audio/wav");
        identify(token, someoneElses).then().statusCode(404);

        String silence = upload(owner, catalogue.wav("silence", new float[2][SongSynth.RATE * 8]), "audio/wav");
        identify(token, silence).then().statusCode(200).body("matches", empty()).body("durationSec", greaterThan(7.9f));

        String clip = upload(
                owner,
                catalogue.excerpt(catalogue.wav("clip-source", vocalSong.mix()), "clip", 5, 1, "", "-c:a pcm_f32le"),
                "audio/wav");
        identify(token, clip)
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("detail", containsString("at least 3 s"));

        Path text = Files.writeString(Files.createTempFile("notes", ".mp3"), "these are not the droids ".repeat(400));
        String notAudio = upload(owner, text, "audio/mpeg");
        identify(token, notAudio).then().statusCode(422).body("detail", containsString("not audio"));

        long references = MashupsTestEnvironment.count(schema, "SELECT count(*) FROM reference_tracks");
        given().auth()
                .oauth2(admin())
                .contentType("application/json")
                .body(Map.of("uploadId", silence, "title", "Silence", "artist", "Nobody"))
                .post("/api/content-id/references")
                .then()
                .statusCode(422);
        given().auth()
                .oauth2(admin())
                .contentType("application/json")
                .body(Map.of("uploadId", notAudio, "title", "Notes", "artist", "Nobody"))
                .post("/api/content-id/references")
                .then()
                .statusCode(422);
        assertEquals(
                references,
                MashupsTestEnvironment.count(schema, "SELECT count(*) FROM reference_tracks"),
                "nothing registered half-way");
        assertEquals(
                0,
                MashupsTestEnvironment.count(
                        schema,
                        "SELECT count(*) FROM catalogue_changes c WHERE NOT EXISTS "
                                + "(SELECT 1 FROM reference_tracks r WHERE r.track_no = c.track_no)"));

        // announced bad audio is recorded as failed with the reason, never retried into a dead letter
        await().atMost(Duration.ofSeconds(60))
                .until(() -> "failed"
                        .equals(given().auth()
                                .oauth2(token)
                                .get("/api/attribution/uploads/" + notAudio)
                                .path("status")));
        given().auth()
                .oauth2(token)
                .get("/api/attribution/uploads/" + notAudio)
                .then()
                .body("error", containsString("not audio"))
                .body("sources", empty());
        await().atMost(Duration.ofSeconds(60))
                .until(() -> "completed"
                        .equals(given().auth()
                                .oauth2(token)
                                .get("/api/attribution/uploads/" + silence)
                                .path("status")));
        given().auth()
                .oauth2(token)
                .get("/api/attribution/uploads/" + silence)
                .then()
                .body("sources", empty())
                .body("completedAt", notNullValue());
    }
}
