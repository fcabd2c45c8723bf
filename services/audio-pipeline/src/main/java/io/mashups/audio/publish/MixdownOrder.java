package io.mashups.audio.publish;

import com.fasterxml.jackson.databind.JsonNode;

/** A published project to render, as its job keeps it: the studio's document at {@code sequence}. */
public record MixdownOrder(String projectId, long sequence, String title, double bpm, String key, JsonNode document) {}
