package io.mashups.trends.trend;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * {@code GET /api/trends}: the chart asked for, when it was fetched, and how every source stands.
 *
 * @param updatedAt when the charts shown were fetched (now, when there are none)
 */
@Schema(name = "Trends", example = """
                {"sounds": [{"id": "0b8e5f52-3f0e-4c5e-9a31-2a3f4c5d6e7f", "title": "Blinding Lights",
                "artist": "The Weeknd", "source": "deezer", "rank": 1, "velocity": 0.75,
                "thumbnailUrl": "https://e-cdns-images.dzcdn.net/images/cover/250x250.jpg",
                "previewUrl": "https://cdnt-preview.dzcdn.net/api/1/1/a/b/c/0/abc.mp3", "region": "global",
                "previousRank": 3, "isNew": false, "externalUrl": "https://www.deezer.com/track/908604612",
                "score": 2.41, "charts": [{"source": "deezer", "region": "global", "rank": 1, "velocity": 0.75},
                {"source": "youtube", "region": "us", "rank": 4, "velocity": 0.0}]}],
                "updatedAt": "2026-12-04T10:00:00Z",
                "sources": [{"name": "deezer", "status": "ok", "lastSweep": "2026-12-04T10:00:00Z", "error": null},
                {"name": "spotify", "status": "skipped", "lastSweep": null, "error":
                "Spotify has no charts API: configure a licensed feed (mashups.trends.licensed.url)"}]}""")
public record TrendsView(List<Sound> sounds, Instant updatedAt, List<SourceStatus> sources) {}
