package io.mashups.community.challenge;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of a challenge's entries, the latest submission first, each with its score and rank on the board. */
@Schema(name = "ChallengeEntries", example = """
                {"entries": [{"id": "5b1f8c2e-0d4a-4e61-9a0c-3f7d2b8e9a10", "challengeId": "c2f0a7f4-8a51-4c1e-b7a3-1d2e3f4a5b6c",
                "user": {"id": "user-42", "name": "DJ Nova", "avatar": "https://images.example/nova.png"},
                "mashup": {"id": "7d2f4a10-5b6c-4e8f-9a1b-2c3d4e5f6a7b", "title": "Midnight City x Dreams", "durationSec": 95.5},
                "score": 1260, "rank": 1, "submittedAt": "2026-12-14T09:12:44Z", "early": true,
                "breakdown": {"plays": 640, "likes": 90, "shares": 12, "comments": 20, "earlyBonus": 50}}], "page": 1, "size": 20, "total": 312}""")
public record ChallengeEntries(List<ChallengeEntryView> entries, int page, int size, long total) {}
