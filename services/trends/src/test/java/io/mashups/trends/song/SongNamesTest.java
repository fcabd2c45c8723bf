package io.mashups.trends.song;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Identity across sources, judged on pairs as charts really spell them: the same song written differently by YouTube
 * titles, Deezer, Apple, Last.fm and licensed feeds (accents, featured artists, version tags, "The", stylised names,
 * channel names), and different songs with close or equal names. Written from real chart spellings, not from the
 * normaliser's rules; the pairs it gets wrong are printed.
 */
class SongNamesTest {
    private record Pair(String title1, String artist1, String title2, String artist2, boolean same) {}

    private static Pair same(String title1, String artist1, String title2, String artist2) {
        return new Pair(title1, artist1, title2, artist2, true);
    }

    private static Pair different(String title1, String artist1, String title2, String artist2) {
        return new Pair(title1, artist1, title2, artist2, false);
    }

    private static final List<Pair> PAIRS = List.of(
            // the same song, spelled differently
            same("Blinding Lights", "The Weeknd", "Blinding Lights", "Weeknd"),
            same("Blinding Lights - Radio Edit", "The Weeknd", "Blinding Lights", "The Weeknd"),
            same("Levitating (feat. DaBaby)", "Dua Lipa", "Levitating", "Dua Lipa, DaBaby"),
            same("Señorita", "Shawn Mendes & Camila Cabello", "Senorita", "Camila Cabello"),
            same("Don't Start Now", "Dua Lipa", "Dont Start Now", "Dua Lipa"),
            same("Don’t Start Now", "Dua Lipa", "Don't Start Now", "DUA LIPA"),
            same("SICKO MODE", "Travis Scott", "Sicko Mode (feat. Drake)", "Travis Scott feat. Drake"),
            same("rockstar (feat. 21 Savage)", "Post Malone", "Rockstar", "Post Malone, 21 Savage"),
            same("Purple Rain - 2015 Paisley Park Remaster", "Prince", "Purple Rain", "Prince"),
            same("Bohemian Rhapsody - Remastered 2011", "Queen", "Bohemian Rhapsody", "Queen"),
            same("Shape of You", "Ed Sheeran", "Shape Of You", "Ed Sheeran"),
            same("Despacito - Remix", "Luis Fonsi, Daddy Yankee, Justin Bieber", "Despacito", "Luis Fonsi"),
            same("Love Story (Taylor's Version)", "Taylor Swift", "Love Story", "Taylor Swift"),
            same("Anti-Hero", "Taylor Swift", "Anti Hero", "TaylorSwift"),
            same("Flowers", "Miley Cyrus", "Flowers [Official Video]", "Miley Cyrus"),
            same("As It Was", "Harry Styles", "As It Was (Official Video)", "Harry Styles"),
            same("Stay", "The Kid LAROI & Justin Bieber", "STAY (with Justin Bieber)", "The Kid LAROI"),
            same("Peaches (feat. Daniel Caesar & Giveon)", "Justin Bieber", "Peaches", "Justin Bieber"),
            same("Beyoncé - Halo", "Beyoncé", "Halo", "Beyonce"),
            same("Crazy In Love (feat. Jay-Z)", "Beyoncé", "Crazy in Love", "Beyonce ft. JAY Z"),
            same("Highway to Hell", "AC/DC", "Highway To Hell", "ACDC"),
            same("Sweet Child O' Mine", "Guns N' Roses", "Sweet Child O Mine", "Guns N Roses"),
            same("Sweet Child o’ Mine", "Guns N’ Roses", "Sweet Child O' Mine - Remastered", "Guns N' Roses"),
            same("Tik Tok", "Ke$ha", "TiK ToK", "Kesha"),
            same("So What", "P!nk", "So What", "Pink"),
            same("Old Town Road (feat. Billy Ray Cyrus) - Remix", "Lil Nas X", "Old Town Road", "Lil Nas X"),
            same("The Scientist", "Coldplay", "Scientist", "Coldplay"),
            same("Mr. Brightside", "The Killers", "Mr Brightside", "Killers"),
            same("Smells Like Teen Spirit", "Nirvana", "Smells Like Teen Spirit (Live)", "Nirvana"),
            same("Dance Monkey", "Tones and I", "Dance Monkey", "Tones & I"),
            same("Dog Days Are Over", "Florence + The Machine", "Dog Days Are Over", "Florence and the Machine"),
            same("Unholy (feat. Kim Petras)", "Sam Smith", "Unholy", "Sam Smith & Kim Petras"),
            same("Calm Down (with Selena Gomez)", "Rema", "Calm Down", "Rema, Selena Gomez"),
            same("Me Porto Bonito", "Bad Bunny, Chencho Corleone", "Me Porto Bonito", "Bad Bunny"),
            same("Tití Me Preguntó", "Bad Bunny", "Titi Me Pregunto", "Bad Bunny"),
            same("Kill Bill", "SZA", "Kill Bill - Sped Up", "SZA"),
            same("Cruel Summer", "Taylor Swift", "Cruel Summer | Taylor Swift", "Taylor Swift"),
            same("Lose Yourself", "Eminem", "Lose Yourself - From \"8 Mile\" Soundtrack", "Eminem"),
            same("I Gotta Feeling", "Black Eyed Peas", "I Gotta Feeling", "The Black Eyed Peas"),
            same("Uptown Funk (feat. Bruno Mars)", "Mark Ronson", "Uptown Funk", "Mark Ronson ft Bruno Mars"),
            same("Hips Don't Lie (feat. Wyclef Jean)", "Shakira", "Hips Dont Lie", "Shakira"),
            same("Heat Waves", "Glass Animals", "Heat Waves (Slowed + Reverb)", "Glass Animals"),
            same("Ella Baila Sola", "Eslabon Armado, Peso Pluma", "Ella Baila Sola", "Peso Pluma x Eslabon Armado"),
            same("Gangnam Style (강남스타일)", "PSY", "Gangnam Style", "PSY"),
            // different songs with close or equal names
            different("Hello", "Adele", "Hello", "Lionel Richie"),
            different("Stay", "Rihanna", "Stay", "The Kid LAROI"),
            different("Halo", "Beyoncé", "Halo", "Depeche Mode"),
            different("Faded", "Alan Walker", "Faded", "ZHU"),
            different("Closer", "The Chainsmokers", "Closer", "Nine Inch Nails"),
            different("Bad", "Michael Jackson", "Bad Guy", "Billie Eilish"),
            different("Stay With Me", "Sam Smith", "Stay", "Sam Smith"),
            different("Señorita", "Shawn Mendes", "Señorita", "Justin Timberlake"),
            different("Dance Monkey", "Tones and I", "Dance Monkeys", "Tones and I"),
            different("Hurt", "Nine Inch Nails", "Hurt", "Johnny Cash"),
            different("Umbrella", "Rihanna", "Umbrellas", "Rihanna"),
            different("Love Story", "Taylor Swift", "Love Stories", "Taylor Swift"),
            different("Flowers", "Miley Cyrus", "Flower", "Moby"),
            different("Yesterday", "The Beatles", "Yesterday Once More", "Carpenters"),
            different("Happy", "Pharrell Williams", "Happier", "Marshmello"),
            different("Sorry", "Justin Bieber", "Sorry", "Beyoncé"),
            different("Without Me", "Eminem", "Without Me", "Halsey"),
            different("Believer", "Imagine Dragons", "Believe", "Cher"),
            different("Diamonds", "Rihanna", "Diamonds", "Sam Smith"),
            different("Animals", "Maroon 5", "Animals", "Martin Garrix"),
            different("Thunder", "Imagine Dragons", "Thunderstruck", "AC/DC"),
            different("7 Rings", "Ariana Grande", "7 Years", "Lukas Graham"),
            different("Mask Off", "Future", "Masked", "Future"));

    @Test
    void judgesAtLeastNinetyFivePercentOfThePairsRight() {
        List<String> wrong = new ArrayList<>();
        for (Pair pair : PAIRS) {
            List<String> artists1 = SongNames.artistKeys(pair.artist1());
            List<String> artists2 = SongNames.artistKeys(pair.artist2());
            String title1 = SongNames.titleKey(pair.title1(), artists1);
            String title2 = SongNames.titleKey(pair.title2(), artists2);
            boolean same = title1.equals(title2) && SongNames.shareAnArtist(artists1, artists2);
            if (same != pair.same()) {
                wrong.add(pair + " keys " + title1 + artists1 + " / " + title2 + artists2);
            }
        }
        double right = 1 - (double) wrong.size() / PAIRS.size();
        System.out.printf("song identity: %d pairs, %.1f%% right%n", PAIRS.size(), right * 100);
        wrong.forEach(pair -> System.out.println("  wrong: " + pair));
        assertTrue(PAIRS.size() >= 60, "at least 60 pairs");
        assertTrue(right >= 0.95, wrong.toString());
    }

    @Test
    void keysIgnoreWhatIsNotTheSong() {
        List<String> weeknd = SongNames.artistKeys("The Weeknd feat. Daft Punk");
        assertEquals(List.of("weeknd", "daftpunk"), weeknd);
        assertEquals("blindinglights", SongNames.titleKey("Blinding Lights (Chromatics Remix)", weeknd));
        assertEquals("blindinglights", SongNames.titleKey("The Weeknd - Blinding Lights", weeknd));
        // a dash that does not follow the artist stays part of the title
        assertEquals("abcdefg", SongNames.titleKey("A-B-C - D E F G", weeknd));
        assertEquals("untitled", SongNames.titleKey("(Untitled)", weeknd));
    }
}
