package org.pmpo4j.text;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prints the numbers behind the choices in {@code org.pmpo4j.text}: duplicates in IMDb, BPE against word-level
 * coverage and speed, reward-model accuracy and judge agreement. It takes about a minute on 2 cores. After
 * {@code environment/fetch-data}, run it from the repository root with
 * <pre>
 * mvn -q -o -pl lib test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt
 * java -Dai.djl.offline=true -cp lib/target/test-classes:lib/target/classes:$(cat lib/target/test-classpath.txt) \
 *     org.pmpo4j.text.TextDataReport
 * </pre>
 */
public final class TextDataReport {

    private static final int PRETRAINING = 20_000;
    private static final int REWARD_MODEL = 20_000;
    private static final long SPLIT_SEED = 1;
    /** Words and single punctuation marks, case kept: the word-level tokenizer compared with BPE. */
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9]+(?:'[A-Za-z]+)?|[^\\sA-Za-z0-9]");

    private TextDataReport() {
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        ImdbReviews imdb = ImdbReviews.load();
        System.out.printf("IMDb: %d records, %d unique, %d duplicates dropped, loaded in %.1f s%n", imdb.rawCount(),
                imdb.reviews().size(), imdb.duplicatesRemoved(), seconds(start));

        int heldOutSize = imdb.reviews().size() - PRETRAINING - REWARD_MODEL;
        ImdbReviews.Split split = imdb.split(PRETRAINING, REWARD_MODEL, heldOutSize, SPLIT_SEED);
        List<String> pretraining = texts(split.pretraining());
        List<String> heldOut = texts(split.heldOut());
        System.out.printf("split (seed %d): pretraining %d, reward model %d, held out %d%n", SPLIT_SEED,
                PRETRAINING, REWARD_MODEL, heldOutSize);

        for (int kept : new int[] {8_000, 16_000}) {
            reportBpe(pretraining, heldOut, kept);
            reportWords(pretraining, heldOut, kept);
        }
        reportRewardModel(split);
        reportJudge(split.heldOut());
    }

    private static void reportBpe(List<String> pretraining, List<String> heldOut, int kept) {
        long start = System.nanoTime();
        try (BpeTokenizer tokenizer = BpeTokenizer.fit(pretraining, kept)) {
            double fitSeconds = seconds(start);
            start = System.nanoTime();
            long tokens = tokenizer.encodeAll(heldOut).stream().mapToLong(ids -> ids.length).sum();
            double encodeSeconds = seconds(start);
            System.out.printf("BPE %d kept: coverage %.4f on pretraining, %.4f on held out; %.1f tokens per review;"
                            + " %.0f reviews/s; fit in %.1f s%n", kept, tokenizer.fitCoverage(),
                    tokenizer.coverage(heldOut), (double) tokens / heldOut.size(), heldOut.size() / encodeSeconds,
                    fitSeconds);
        }
    }

    private static void reportWords(List<String> pretraining, List<String> heldOut, int kept) {
        Map<String, Long> counts = new HashMap<>();
        for (String text : pretraining) {
            Matcher matcher = WORD.matcher(text);
            while (matcher.find()) {
                counts.merge(matcher.group(), 1L, Long::sum);
            }
        }
        Set<String> vocabulary = new HashSet<>();
        counts.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .limit(kept)
                .forEach(entry -> vocabulary.add(entry.getKey()));

        long start = System.nanoTime();
        long total = 0;
        long known = 0;
        for (String text : heldOut) {
            Matcher matcher = WORD.matcher(text);
            while (matcher.find()) {
                total++;
                if (vocabulary.contains(matcher.group())) {
                    known++;
                }
            }
        }
        System.out.printf("words %d kept of %d: coverage %.4f on held out; %.1f tokens per review; %.0f reviews/s%n",
                kept, counts.size(), (double) known / total, (double) total / heldOut.size(),
                heldOut.size() / seconds(start));
    }

    private static void reportRewardModel(ImdbReviews.Split split) {
        long start = System.nanoTime();
        SentimentRewardModel model = SentimentRewardModel.train(split.rewardModel(),
                SentimentRewardModel.Config.defaults(7));
        System.out.printf("reward model: trained in %.1f s; accuracy %.4f on held-out reviews, %.4f on their first"
                        + " 48 words; UCI imdb %.4f, amazon %.4f, yelp %.4f%n", seconds(start),
                model.accuracy(split.heldOut()), model.accuracy(openings(split.heldOut(), 48)),
                model.accuracy(LabelledSentences.uci("imdb")), model.accuracy(LabelledSentences.uci("amazon")),
                model.accuracy(LabelledSentences.uci("yelp")));
    }

    private static void reportJudge(List<Review> heldOut) {
        LexiconJudge judge = LexiconJudge.load();
        long start = System.nanoTime();
        double agreement = judge.agreement(heldOut);
        System.out.printf("lexicon judge: agreement %.4f on held-out reviews (%.2f ms per review); UCI imdb %.4f,"
                        + " amazon %.4f, yelp %.4f%n", agreement, seconds(start) * 1000 / heldOut.size(),
                judge.agreement(LabelledSentences.uci("imdb")), judge.agreement(LabelledSentences.uci("amazon")),
                judge.agreement(LabelledSentences.uci("yelp")));
    }

    private static List<Review> openings(List<Review> reviews, int words) {
        List<String> prompts = Prompts.openings(reviews, words);
        return java.util.stream.IntStream.range(0, reviews.size())
                .mapToObj(i -> new Review(prompts.get(i), reviews.get(i).positive()))
                .toList();
    }

    private static List<String> texts(List<Review> reviews) {
        return reviews.stream().map(Review::text).toList();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
