package io.mashups.audio.generation;

import java.util.List;

/** A validated generation request as the job keeps it: the vocal and instrumental sources resolved. */
public record MashupOrder(List<String> sources, String vocalsFrom, String instrumentalFrom, Double targetBpm,
                          String targetKey, Double durationSec, String format, String title) {
}
