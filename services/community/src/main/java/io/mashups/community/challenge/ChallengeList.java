package io.mashups.community.challenge;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ChallengeList", example = """
                {"challenges": [{"id": "c2f0a7f4-8a51-4c1e-b7a3-1d2e3f4a5b6c", "title": "Daily: Genre Swap", "description":
                "Put a rap vocal over a rock or country instrumental.", "theme": "genre-swap", "type": "daily", "stemPackId": null,
                "stemPack": [], "startDate": "2026-12-14", "endDate": "2026-12-14", "status": "active", "rewardCredits": 100,
                "rewardBadgeId": null, "startsAt": "2026-12-14T00:00:00Z", "endsAt": "2026-12-15T00:00:00Z",
                "freezesAt": "2026-12-14T23:00:00Z", "earlyUntil": "2026-12-14T06:00:00Z", "frozen": false, "entryCount": 312,
                "yourEntry": {"id": "5b1f8c2e-0d4a-4e61-9a0c-3f7d2b8e9a10", "challengeId": "c2f0a7f4-8a51-4c1e-b7a3-1d2e3f4a5b6c",
                "user": {"id": "user-42", "name": "DJ Nova", "avatar": "https://images.example/nova.png"},
                "mashup": {"id": "7d2f4a10-5b6c-4e8f-9a1b-2c3d4e5f6a7b", "title": "Midnight City x Dreams", "durationSec": 95.5},
                "score": 1260, "rank": 1, "submittedAt": "2026-12-14T09:12:44Z", "early": true,
                "breakdown": {"plays": 640, "likes": 90, "shares": 12, "comments": 20, "earlyBonus": 50}}}], "page": 1, "size": 20, "total": 41}""")
public record ChallengeList(List<ChallengeView> challenges, int page, int size, long total) {}
