package io.mashups.audio.vocals;

import java.util.List;

/** The voices of every configured engine, and which engines can be used now. */
public record VoicesView(List<VocalVoice> voices, List<EngineView> engines, String defaultVoice) {
    /** An engine; {@code reason} says why one is unavailable. */
    public record EngineView(String id, boolean available, String reason) {}
}
