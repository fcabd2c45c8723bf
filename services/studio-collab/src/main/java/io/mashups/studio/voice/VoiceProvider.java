package io.mashups.studio.voice;

import io.smallrye.mutiny.Uni;

/** A voice service: a room per project ({@code studio_<projectId>}) and a token for one member. */
public interface VoiceProvider {
    /** @param speaker whether the member may publish audio (viewers listen) */
    Uni<VoiceRoom> join(String room, String userId, boolean speaker);
}
