package org.pmpo4j.text;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LexiconJudgeTest {

    private static final Logger LOG = LoggerFactory.getLogger(LexiconJudgeTest.class);

    private static LexiconJudge judge;

    @BeforeAll
    static void loadJudge() {
        judge = LexiconJudge.load();
    }

    @Test
    void scoreSumsValences() {
        // AFINN-165: good = 3, great = 3, boring = -3; "movie" has no valence. 3 + 3 - 3 = 3.
        assertEquals(3, judge.score("A good movie, a great cast, a boring plot"));
    }

    @Test
    void scoreIgnoresCase() {
        assertEquals(3, judge.score("GOOD"));
    }

    @Test
    void phraseWinsOverItsWords() {
        // "not good" is a phrase with valence -2 in AFINN-165, so neither "not" nor "good" (3) applies alone.
        assertEquals(-2, judge.score("not good"));
        // "does not work" = -3 as one phrase.
        assertEquals(-3, judge.score("it does not work"));
    }

    @Test
    void negationFlipsNextWords() {
        // "never" opens a 3-word scope: "a" and "truly" are unscored, "great" (3) is the third word, flipped to -3.
        assertEquals(-3, judge.score("never a truly great film"));
    }

    @Test
    void negationScopeEndsAfterThreeWords() {
        // "great" is the fourth word after "never", so it keeps +3.
        assertEquals(3, judge.score("never a truly very great film"));
    }

    @Test
    void punctuationEndsNegation() {
        // "bad" (-3) follows "didn't" directly and is flipped to +3; the comma ends the scope, so "awful" stays -3.
        assertEquals(0, judge.score("didn't feel bad, awful"));
        assertEquals(-6, judge.score("didn't feel, bad awful"));
    }

    @Test
    void curlyApostropheCountsAsNegation() {
        assertEquals(judge.score("don't love"), judge.score("don\u2019t love"));
        assertEquals(-3, judge.score("don\u2019t love"));
    }

    @Test
    void agreesWithLabelsAboveChance() {
        double imdb = judge.agreement(LabelledSentences.uci("imdb"));
        double yelp = judge.agreement(LabelledSentences.uci("yelp"));
        LOG.info("lexicon judge agreement with labels: {} on UCI imdb, {} on UCI yelp", imdb, yelp);

        // Chance is 0.5 on the balanced sentences; measured 0.778 on imdb and 0.771 on yelp.
        assertTrue(imdb > 0.7, "imdb agreement " + imdb);
        assertTrue(yelp > 0.7, "yelp agreement " + yelp);
    }

    @Test
    void zeroScoreCountsHalf() {
        // "movie" scores 0 so it counts 0.5; "good" is positive and labelled positive, 1. (0.5 + 1) / 2 = 0.75.
        assertEquals(0.75, judge.agreement(List.of(new Review("movie", false), new Review("good", true))));
    }

    @Test
    void winRateCountsTiesHalf() {
        // Pair 1: policy 3 > base -3, a win. Pair 2: both 0, a tie worth 0.5. Pair 3: 0 < 3, a loss. 1.5 / 3 = 0.5.
        List<String> policy = List.of("good", "movie", "plot");
        List<String> base = List.of("bad", "film", "great");
        assertEquals(0.5, judge.winRate(policy, base));
    }

    @Test
    void winRateRejectsUnequalLists() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> judge.winRate(List.of("a", "b"), List.of("a")));
        assertEquals("policy and base must contain one completion per prompt each, got 2 and 1; pass two equally"
                + " long, non-empty lists", error.getMessage());
    }

    @Test
    void winRateRejectsEmptyLists() {
        assertThrows(IllegalArgumentException.class, () -> judge.winRate(List.of(), List.of()));
    }

    @Test
    void agreementRejectsEmptyList() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> judge.agreement(List.of()));
        assertEquals("texts must not be empty; pass labelled texts to compare with", error.getMessage());
    }
}
