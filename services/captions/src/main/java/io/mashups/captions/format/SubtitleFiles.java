package io.mashups.captions.format;

import java.util.List;
import java.util.Locale;

/** SubRip (SRT), WebVTT and plain text renderings of cues. */
public final class SubtitleFiles {
    public static final String SRT_TYPE = "application/x-subrip";
    public static final String VTT_TYPE = "text/vtt";

    private SubtitleFiles() {}

    /** Numbered cues, {@code HH:MM:SS,mmm --> HH:MM:SS,mmm}, a blank line after each. */
    public static String srt(List<Cue> cues) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < cues.size(); i++) {
            Cue cue = cues.get(i);
            out.append(i + 1)
                    .append('\n')
                    .append(timestamp(cue.start(), ','))
                    .append(" --> ")
                    .append(timestamp(cue.end(), ','))
                    .append('\n');
            cue.lines().forEach(line -> out.append(clean(line)).append('\n'));
            out.append('\n');
        }
        return out.toString();
    }

    /** The WEBVTT header, then cues with {@code HH:MM:SS.mmm --> HH:MM:SS.mmm}. */
    public static String vtt(List<Cue> cues) {
        StringBuilder out = new StringBuilder("WEBVTT\n\n");
        for (Cue cue : cues) {
            out.append(timestamp(cue.start(), '.'))
                    .append(" --> ")
                    .append(timestamp(cue.end(), '.'))
                    .append('\n');
            // "-->" inside cue text would end the timing line's meaning; WebVTT escapes < and &
            cue.lines()
                    .forEach(
                            line -> out.append(clean(line).replace("&", "&amp;").replace("<", "&lt;"))
                                    .append('\n'));
            out.append('\n');
        }
        return out.toString();
    }

    public static String txt(List<Cue> cues) {
        StringBuilder out = new StringBuilder();
        cues.forEach(cue -> out.append(cue.text()).append('\n'));
        return out.toString();
    }

    static String timestamp(double seconds, char millisSeparator) {
        long millis = Math.round(Math.max(0, seconds) * 1000);
        return String.format(
                Locale.ROOT,
                "%02d:%02d:%02d%c%03d",
                millis / 3_600_000,
                millis / 60_000 % 60,
                millis / 1000 % 60,
                millisSeparator,
                millis % 1000);
    }

    /** Cue text never contains a blank line or an arrow, which would break the file's structure. */
    private static String clean(String line) {
        return line.replace("-->", "->").replaceAll("\\s+", " ").strip();
    }
}
