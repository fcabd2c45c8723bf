package io.mashups.media;

/** What ffprobe found in a file's first audio stream. */
public record Probe(String container, String codec, double durationSec, int sampleRate, int channels) {}
