package io.mashups.audio.stems;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An upload's four stems, each with a short-lived download URL. */
@Schema(name = "UploadStems", example = """
        {"uploadId": "upl-8c1d", "engine": "builtin", "stems": [{"stem": "vocals",
        "url": "https://storage.example/uploads/upl-8c1d/stems/vocals.flac?X-Amz-Signature=...", "durationSec": 212.4},
        {"stem": "drums", "url": "https://storage.example/uploads/upl-8c1d/stems/drums.flac?X-Amz-Signature=...",
        "durationSec": 212.4}]}""")
public record StemsView(String uploadId, String engine, List<StemView> stems) {
    public record StemView(String stem, String url, double durationSec) {}
}
