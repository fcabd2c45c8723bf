package io.mashups.systemtests;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The runtime check refuses the shapes the fleet answered before the contract was fixed, naming endpoint and field. */
class SeedContractTest {
    @Test
    void featuresAsAnObjectIsRefused() {
        AssertionError refused = assertThrows(
                AssertionError.class,
                () -> SeedContract.assertAnswers(
                        "GET /api/billing/subscription",
                        "BillingSubscriptionResponse",
                        "{\"tier\":\"free\",\"status\":\"active\",\"currentPeriodEnd\":null,"
                                + "\"features\":{\"mashupsPerMonth\":3}}"));
        assertTrue(refused.getMessage().startsWith("GET /api/billing/subscription drifted"), refused.getMessage());
        assertTrue(refused.getMessage().contains("$.features"), refused.getMessage());
    }

    @Test
    void captionsAtTheTopLevelAreRefused() {
        AssertionError refused = assertThrows(
                AssertionError.class,
                () -> SeedContract.assertAnswers(
                        "GET /api/captions/{mashupId}",
                        "CaptionsResponse",
                        "{\"segments\":[{\"start\":0,\"end\":1,\"text\":\"hi\"}],\"srt\":\"\",\"vtt\":\"\",\"txt\":\"\"}"));
        assertTrue(refused.getMessage().contains("captions"), refused.getMessage());
    }

    @Test
    void collaboratorsWithoutNameOrAvatarAreRefused() {
        AssertionError refused = assertThrows(
                AssertionError.class,
                () -> SeedContract.assertAnswers(
                        "GET /api/projects/{id}/collaborators",
                        "ProjectCollaboratorsResponse",
                        "{\"users\":[{\"id\":\"u\",\"role\":\"owner\",\"color\":\"#fff\",\"online\":false}]}"));
        assertTrue(refused.getMessage().contains("$.users[0]"), refused.getMessage());
        assertTrue(refused.getMessage().contains("name"), refused.getMessage());
        assertTrue(refused.getMessage().contains("avatar"), refused.getMessage());
    }

    @Test
    void theCurrentShapesPass() {
        SeedContract.assertAnswers(
                "GET /api/projects/{id}/collaborators",
                "ProjectCollaboratorsResponse",
                "{\"users\":[{\"id\":\"u\",\"name\":null,\"avatar\":null,\"color\":\"#fff\",\"role\":\"owner\"}]}");
    }
}
