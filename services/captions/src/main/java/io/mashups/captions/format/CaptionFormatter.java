package io.mashups.captions.format;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns timed words into cues that follow a {@link CaptionStyle}.
 * <ol>
 * <li>Words are gathered into a cue until the next would not fit in two lines, would keep it on screen too long,
 * or comes after a pause; a cue that is already half full also ends at a sentence or clause end, so breaks fall on
 * phrase boundaries.</li>
 * <li>Each cue is split into lines at the balanced point that prefers punctuation and avoids leaving a short
 * function word ("the", "of", "to") at the end of the first line.</li>
 * <li>Timing: a cue starts with its first word and ends with its last, then is stretched into the following silence
 * (never closer than the minimum gap to the next cue, never past the maximum duration) until it meets the minimum
 * duration and the reading speed. Cues that still fall short are reported: the speech left no room.</li>
 * </ol>
 */
public final class CaptionFormatter {
    private static final double PAUSE = 0.7;
    private static final java.util.Set<String> WEAK_ENDINGS = java.util.Set.of(
            "a", "an", "the", "of", "to", "in", "on", "at", "for", "and", "or", "but", "with", "my", "your", "his",
            "her", "our", "their", "i", "i'm", "is", "be");

    /**
     * The cues, and the indexes of those the speech left no room for: shorter than the minimum duration or faster
     * than the reading speed.
     */
    public record Result(List<Cue> cues, List<Integer> crowded) {}

    private final CaptionStyle style;

    public CaptionFormatter(CaptionStyle style) {
        this.style = style;
    }

    public Result format(List<Word> words, double audioDuration) {
        List<List<Word>> groups = group(words);
        List<Cue> cues = new ArrayList<>();
        for (List<Word> group : groups) {
            cues.add(new Cue(group.get(0).start(), group.get(group.size() - 1).end(), lines(group)));
        }
        return time(cues, audioDuration);
    }

    private List<List<Word>> group(List<Word> words) {
        List<List<Word>> groups = new ArrayList<>();
        List<Word> current = new ArrayList<>();
        int capacity = style.maxLineLength() * style.maxLines();
        for (Word word : words) {
            if (!current.isEmpty()) {
                Word last = current.get(current.size() - 1);
                List<Word> extended = new ArrayList<>(current);
                extended.add(word);
                boolean tooLong = word.end() - current.get(0).start() > style.maxDuration() || !fits(extended);
                boolean pause = word.start() - last.end() >= PAUSE;
                boolean phraseEnd = length(current) >= capacity / 2
                        && (last.endsSentence() || (last.endsPhrase() && length(current) >= capacity * 2 / 3));
                if (tooLong || pause || phraseEnd) {
                    groups.add(current);
                    current = new ArrayList<>();
                }
            }
            current.add(word);
        }
        if (!current.isEmpty()) {
            groups.add(current);
        }
        return groups;
    }

    private boolean fits(List<Word> group) {
        return lines(group).stream().allMatch(line -> line.length() <= style.maxLineLength())
                && lines(group).size() <= style.maxLines();
    }

    /** One line if it fits, else the best two-line split (a word longer than a line stays whole). */
    public List<String> lines(List<Word> group) {
        String text = join(group, 0, group.size());
        if (text.length() <= style.maxLineLength() || group.size() == 1) {
            return List.of(text);
        }
        int bestSplit = -1;
        double bestCost = Double.MAX_VALUE;
        for (int split = 1; split < group.size(); split++) {
            String first = join(group, 0, split);
            String second = join(group, split, group.size());
            double overflow = Math.max(0, first.length() - style.maxLineLength())
                    + Math.max(0, second.length() - style.maxLineLength());
            double cost = overflow * 1000 + Math.abs(first.length() - second.length());
            Word lastOfFirst = group.get(split - 1);
            if (lastOfFirst.endsPhrase()) {
                cost -= 25;
            }
            if (WEAK_ENDINGS.contains(bare(lastOfFirst.word()))) {
                cost += 15;
            }
            if (cost < bestCost) {
                bestCost = cost;
                bestSplit = split;
            }
        }
        return List.of(join(group, 0, bestSplit), join(group, bestSplit, group.size()));
    }

    private Result time(List<Cue> cues, double audioDuration) {
        List<Cue> timed = new ArrayList<>();
        List<Integer> crowded = new ArrayList<>();
        for (int i = 0; i < cues.size(); i++) {
            Cue cue = cues.get(i);
            double start = i == 0
                    ? cue.start()
                    : Math.max(cue.start(), timed.get(i - 1).end() + style.minGap());
            double limit = Math.min(
                    audioDuration, i + 1 < cues.size() ? cues.get(i + 1).start() - style.minGap() : audioDuration);
            double needed = Math.max(style.minDuration(), cue.text().length() / style.maxReadingSpeed());
            double end = Math.max(cue.end(), Math.min(start + needed, Math.min(limit, start + style.maxDuration())));
            end = Math.min(end, Math.max(start + 0.001, limit));
            Cue placed = new Cue(start, end, cue.lines());
            timed.add(placed);
            if (placed.readingSpeed() > style.maxReadingSpeed() + 1e-9 || end - start < style.minDuration() - 1e-9) {
                crowded.add(i);
            }
        }
        return new Result(timed, crowded);
    }

    private static int length(List<Word> group) {
        return join(group, 0, group.size()).length();
    }

    private static String join(List<Word> group, int from, int to) {
        StringBuilder text = new StringBuilder();
        for (int i = from; i < to; i++) {
            if (i > from) {
                text.append(' ');
            }
            text.append(group.get(i).word().strip());
        }
        return text.toString();
    }

    private static String bare(String word) {
        return word.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z']", "");
    }
}
