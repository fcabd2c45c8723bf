package io.mashups.captions.engine;

import io.mashups.captions.format.Word;
import java.util.List;

/**
 * Timed words from an engine. {@code lowConfidence} marks the open-vocabulary local fallback, whose words are often
 * wrong.
 */
public record Transcript(String language, String engine, List<Word> words, boolean lowConfidence) {}
