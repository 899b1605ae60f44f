package org.pmpo4j.text;

import com.google.gson.stream.JsonReader;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An evaluation judge that scores sentiment with the AFINN-165 word list (Finn Årup Nielsen, "A new ANEW: evaluation
 * of a word list for sentiment analysis in microblogs", 2011; list version 165, ODbL 1.0) as shipped in npm
 * {@code sentiment} 5.0.2: 3,382 words and phrases with integer valences in [-5, 5]. It shares no data or code with
 * {@link SentimentRewardModel}, so a policy that exploits the reward model's quirks does not fool it the same way.
 *
 * <p>The score of a text is the sum of the valences of its words. Text is lowercased, and phrases of up to three
 * words ("does not work", "not good") take precedence over their words. A negation word ("not", "never", "don't" and
 * the others in {@code negators.json} and {@link #EXTRA_NEGATORS}) flips the sign of the next scored words, up to
 * {@value #NEGATION_SCOPE} words after it or the next punctuation mark, whichever comes first. Because scores are
 * sums, longer texts tend to score further from 0; compare texts of similar length.
 */
public final class LexiconJudge {

    /** Number of words after a negation word whose valence it flips. */
    public static final int NEGATION_SCOPE = 3;
    /** Negation words added to the package's list, which lacks these common ones. */
    public static final Set<String> EXTRA_NEGATORS = Set.of("no", "never", "nothing", "nobody", "none", "neither",
            "nor", "without", "hardly", "cannot", "didn't", "didnt", "wasn't", "wasnt", "aren't", "arent",
            "couldn't", "couldnt", "shouldn't", "shouldnt", "wouldn't", "wouldnt", "haven't", "havent", "hasn't",
            "hasnt", "weren't", "werent");

    private static final int MAX_PHRASE_WORDS = 3;
    private static final Pattern TOKEN = Pattern.compile("[a-z0-9]+(?:['-][a-z0-9]+)*|[.,!?;:]");
    private static final String FIX = "delete the data/cache/sentiment-5.0.2 folder and rerun environment/fetch-data";

    private final Map<String, Integer> valences;
    private final Set<String> negators;

    private LexiconJudge(Map<String, Integer> valences, Set<String> negators) {
        this.valences = Map.copyOf(valences);
        this.negators = Set.copyOf(negators);
    }

    /** Loads the word list and negation words from the data cache. */
    public static LexiconJudge load() {
        return load(TextData.afinnLabels(), TextData.afinnNegators());
    }

    /**
     * Loads {@code labels.json} (word to integer valence) and {@code negators.json} (word to 1).
     *
     * @throws IllegalArgumentException if a file is missing, corrupt, or has a valence outside [-5, 5]
     */
    public static LexiconJudge load(Path labels, Path negatorsFile) {
        Map<String, Integer> valences = JsonFiles.read(labels, FIX, LexiconJudge::readIntegers);
        for (Map.Entry<String, Integer> entry : valences.entrySet()) {
            if (entry.getValue() < -5 || entry.getValue() > 5) {
                throw new IllegalArgumentException("valence of '" + entry.getKey() + "' in " + labels
                        + " must be in [-5, 5], got " + entry.getValue() + "; " + FIX);
            }
        }
        Set<String> negators = new HashSet<>(JsonFiles.read(negatorsFile, FIX, LexiconJudge::readIntegers).keySet());
        negators.addAll(EXTRA_NEGATORS);
        return new LexiconJudge(valences, negators);
    }

    /** Returns the AFINN score of {@code text}: the sum of its word and phrase valences after negation. */
    public double score(String text) {
        List<String> tokens = tokenize(text);
        int score = 0;
        int negatedWordsLeft = 0;
        int i = 0;
        while (i < tokens.size()) {
            String token = tokens.get(i);
            if (isPunctuation(token)) {
                negatedWordsLeft = 0;
                i++;
                continue;
            }

            int matchedWords = 0;
            Integer valence = null;
            for (int length = Math.min(MAX_PHRASE_WORDS, tokens.size() - i); length >= 1 && valence == null; length--) {
                valence = valences.get(String.join(" ", tokens.subList(i, i + length)));
                matchedWords = length;
            }

            if (valence != null) {
                score += negatedWordsLeft > 0 ? -valence : valence;
            }
            if (valence == null && negators.contains(token)) {
                negatedWordsLeft = NEGATION_SCOPE;
            } else {
                negatedWordsLeft = Math.max(0, negatedWordsLeft - matchedWords);
            }
            i += matchedWords;
        }
        return score;
    }

    /**
     * Returns the fraction of texts whose score sign matches the label: a positive score for a positive text, a
     * negative one for a negative text. A score of exactly 0 counts as half, the value of a coin flip.
     *
     * @throws IllegalArgumentException if {@code texts} is empty
     */
    public double agreement(List<Review> texts) {
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("texts must not be empty; pass labelled texts to compare with");
        }
        double agreeing = 0;
        for (Review review : texts) {
            double score = score(review.text());
            if (score == 0) {
                agreeing += 0.5;
            } else if ((score > 0) == review.positive()) {
                agreeing += 1;
            }
        }
        return agreeing / texts.size();
    }

    /**
     * Returns the fraction of pairs in which the judge scores the policy's completion above the base policy's
     * completion for the same prompt, counting ties as half.
     *
     * @param policy completions of the tuned policy, one per prompt
     * @param base   completions of the base (reference) policy for the same prompts, in the same order
     * @throws IllegalArgumentException if the lists differ in size or are empty
     */
    public double winRate(List<String> policy, List<String> base) {
        if (policy.size() != base.size() || policy.isEmpty()) {
            throw new IllegalArgumentException("policy and base must contain one completion per prompt each, got "
                    + policy.size() + " and " + base.size() + "; pass two equally long, non-empty lists");
        }
        double wins = 0;
        for (int i = 0; i < policy.size(); i++) {
            int comparison = Double.compare(score(policy.get(i)), score(base.get(i)));
            if (comparison > 0) {
                wins += 1;
            } else if (comparison == 0) {
                wins += 0.5;
            }
        }
        return wins / policy.size();
    }

    private static List<String> tokenize(String text) {
        String normalized = text.toLowerCase(Locale.ROOT).replace('\u2019', '\'');
        List<String> tokens = new ArrayList<>();
        Matcher matcher = TOKEN.matcher(normalized);
        while (matcher.find()) {
            tokens.add(matcher.group());
        }
        return tokens;
    }

    private static boolean isPunctuation(String token) {
        return token.length() == 1 && !Character.isLetterOrDigit(token.charAt(0));
    }

    private static Map<String, Integer> readIntegers(JsonReader reader) throws IOException {
        Map<String, Integer> values = new HashMap<>();
        reader.beginObject();
        while (reader.hasNext()) {
            values.put(reader.nextName(), reader.nextInt());
        }
        reader.endObject();
        return values;
    }
}
