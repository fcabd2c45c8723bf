package io.mashups.audio.cover;

import java.util.List;

/** Covers to draw in tests and the benchmark: a synthetic waveform and sections, titles in many scripts. */
final class CoverSamples {
    /** One phrase per script users bring, each long enough to cut to 120 characters. */
    static final List<String> SCRIPTS = List.of(
            "Midnight City x Blinding Lights extended club edit featuring everyone ",
            "Ночной город и ослепительные огни расширенная клубная версия ",
            "Νυχτερινή πόλη και εκτυφλωτικά φώτα εκτεταμένη έκδοση ",
            "真夜中の都市とまぶしい光のエクステンデッドクラブエディット",
            "午夜城市与耀眼的灯光加长俱乐部混音版本",
            "한밤의 도시와 눈부신 불빛 확장 클럽 에디트 버전 ",
            "مدينة منتصف الليل والأضواء المبهرة نسخة النادي الممتدة ",
            "עיר חצות ואורות מסנוורים גרסת מועדון מורחבת ",
            "आधी रात का शहर और चकाचौंध रोशनी विस्तारित क्लब संस्करण ",
            "เมืองเที่ยงคืนและแสงไฟที่พร่างพราวฉบับขยายสำหรับคลับ ",
            "Supercalifragilisticexpialidociousmegamixwithoutanyspacesatallforthelinebreaker",
            "Café déjà vu — naïve façade × Ünïcödé mix, vol. 2 (feat. Zoë & Björk) ");

    private CoverSamples() {}

    /** The first {@code length} characters of the script's phrase, repeated as needed (never half a character). */
    static String title(String phrase, int length) {
        StringBuilder title = new StringBuilder();
        while (title.length() < length) {
            title.append(phrase);
        }
        int end = length;
        if (Character.isHighSurrogate(title.charAt(end - 1))) {
            end--;
        }
        return title.substring(0, end).strip().isEmpty() ? phrase.substring(0, 1) : title.substring(0, end);
    }

    /** A mashup's waveform: verses and choruses of different loudness with a beat, over three sections. */
    static CoverArt art(String title, String creator, long seed) {
        float[] peaks = new float[800];
        for (int i = 0; i < peaks.length; i++) {
            double t = i / 800.0;
            double section = t < 0.3 ? 0.55 : t < 0.7 ? 0.9 : 0.65;
            double beat = 0.75 + 0.25 * Math.abs(Math.sin(i * Math.PI / 8));
            double fade = Math.min(1, Math.min(t / 0.04, (1 - t) / 0.06));
            peaks[i] = (float) (section * beat * fade);
        }
        return new CoverArt(
                title,
                creator,
                peaks,
                List.of(
                        new CoverArt.Section(0, 0.3, 0),
                        new CoverArt.Section(0.3, 0.7, 1),
                        new CoverArt.Section(0.7, 1, 2)),
                48,
                seed);
    }
}
