package io.mashups.audio.vocals;

/**
 * One sung syllable.
 *
 * @param phonemes  espeak-ng phoneme mnemonics, readable as {@code [[phonemes]]}
 * @param stressed  whether it carries the word's primary stress
 * @param wordStart whether a word begins with it
 */
public record Syllable(String phonemes, boolean stressed, boolean wordStart) {}
