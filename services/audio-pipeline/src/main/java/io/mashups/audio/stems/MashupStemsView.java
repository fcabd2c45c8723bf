package io.mashups.audio.stems;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A mashup's four stems as they sit in its mix, each with a short-lived download URL. */
@Schema(name = "MashupStems", example = """
        {"mashupId": "0f6c1f7e-5d1b-4c57-9d3e-2b1b3f7d9a10", "engine": "builtin", "stems": [{"stem": "vocals",
        "url": "https://storage.example/mashups/0f6c1f7e/vocals.flac?X-Amz-Signature=...", "durationSec": 60.0}]}""")
public record MashupStemsView(String mashupId, String engine, List<StemsView.StemView> stems) {}
