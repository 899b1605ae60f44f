package org.pmpo4j.text;

import org.pmpo4j.experiment.ResultFiles;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reward model learned from sentiment labels, standing in for a reward model learned from human preferences:
 * logistic regression on hashed unigram and bigram features. The reward of a text is the log-odds that it is
 * positive, {@code r(x) = w · φ(x) + b}, a real number (positive means more likely positive).
 *
 * <p>Features: the text is lowercased and split into words ({@code [a-z0-9']+}) and the marks {@code !} and
 * {@code ?}. Each distinct unigram and adjacent-pair bigram is hashed into one of {@code 2^hashBits} buckets by the
 * top {@code hashBits} bits of its 64-bit FNV-1a hash over UTF-16 chars. φ(x) is 1 in every bucket hit, scaled so
 * that ‖φ(x)‖₂ = 1.
 *
 * <p>Training minimises the mean logistic loss plus {@code l2/2 · ‖w‖²} with AdaGrad over {@code epochs} passes,
 * shuffled by {@code new Random(seed)}. The L2 shrinkage is applied only to the weights of the features that each
 * example touches. The arithmetic is Java {@code double} with {@code StrictMath.exp}, so the same data and config
 * give the same weights on every JVM.
 */
public final class SentimentRewardModel {

    private static final Pattern WORD = Pattern.compile("[a-z0-9]+(?:'[a-z]+)?|[!?]");
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final int FILE_MAGIC = 0x504d5252; // "PMRR"
    private static final int FILE_VERSION = 1;
    private static final double ADAGRAD_EPSILON = 1e-8;

    /**
     * Training settings.
     *
     * @param hashBits     log2 of the number of feature buckets, in [10, 26]
     * @param epochs       passes over the training data, at least 1
     * @param learningRate AdaGrad step size, finite and > 0
     * @param l2           L2 penalty coefficient, finite and >= 0
     * @param seed         seed of the per-epoch shuffles
     */
    public record Config(int hashBits, int epochs, double learningRate, double l2, long seed) {

        public Config {
            if (hashBits < 10 || hashBits > 26) {
                throw new IllegalArgumentException("hashBits must be in [10, 26], got " + hashBits
                        + "; 18 (262,144 buckets) suits 40,000 reviews");
            }
            if (epochs < 1) {
                throw new IllegalArgumentException("epochs must be >= 1, got " + epochs + "; 5 is typical");
            }
            if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
                throw new IllegalArgumentException("learningRate must be finite and > 0, got " + learningRate
                        + "; 0.5 works with AdaGrad here");
            }
            if (!(l2 >= 0) || Double.isInfinite(l2)) {
                throw new IllegalArgumentException("l2 must be finite and >= 0, got " + l2 + "; use 0 for none");
            }
        }

        /** Returns 2^18 buckets, 5 epochs, step 0.5, L2 1e-6 and the given seed. */
        public static Config defaults(long seed) {
            return new Config(18, 5, 0.5, 1e-6, seed);
        }
    }

    private final int hashBits;
    private final double[] weights;
    private double bias;

    private SentimentRewardModel(int hashBits, double[] weights, double bias) {
        this.hashBits = hashBits;
        this.weights = weights;
        this.bias = bias;
    }

    /**
     * Trains a model on labelled texts.
     *
     * @throws IllegalArgumentException if {@code examples} is empty or holds only one label
     */
    public static SentimentRewardModel train(List<Review> examples, Config config) {
        long positives = examples.stream().filter(Review::positive).count();
        if (positives == 0 || positives == examples.size()) {
            throw new IllegalArgumentException("examples must contain both labels, got " + positives
                    + " positive of " + examples.size() + "; pass the reward-model split of the reviews");
        }

        SentimentRewardModel model = new SentimentRewardModel(config.hashBits(), new double[1 << config.hashBits()], 0);
        List<int[]> features = new ArrayList<>(examples.size());
        for (Review example : examples) {
            features.add(model.features(example.text()));
        }

        double[] squaredGradients = new double[model.weights.length];
        double biasSquaredGradient = 0;
        List<Integer> order = new ArrayList<>(examples.size());
        for (int i = 0; i < examples.size(); i++) {
            order.add(i);
        }
        Random random = new Random(config.seed());

        for (int epoch = 0; epoch < config.epochs(); epoch++) {
            Collections.shuffle(order, random);
            for (int index : order) {
                int[] buckets = features.get(index);
                double value = featureValue(buckets);
                double target = examples.get(index).positive() ? 1 : 0;
                double error = sigmoid(model.logOdds(buckets, value)) - target;

                for (int bucket : buckets) {
                    double gradient = error * value + config.l2() * model.weights[bucket];
                    squaredGradients[bucket] += gradient * gradient;
                    model.weights[bucket] -= config.learningRate() * gradient
                            / (Math.sqrt(squaredGradients[bucket]) + ADAGRAD_EPSILON);
                }
                biasSquaredGradient += error * error;
                model.bias -= config.learningRate() * error / (Math.sqrt(biasSquaredGradient) + ADAGRAD_EPSILON);
            }
        }
        return model;
    }

    /** Returns the reward of {@code text}: the log-odds that it is positive. */
    public double reward(String text) {
        int[] buckets = features(text);
        return logOdds(buckets, featureValue(buckets));
    }

    /** Returns the rewards of the texts, in order. */
    public double[] rewards(List<String> texts) {
        double[] rewards = new double[texts.size()];
        for (int i = 0; i < rewards.length; i++) {
            rewards[i] = reward(texts.get(i));
        }
        return rewards;
    }

    /** Returns the probability that {@code text} is positive, {@code sigmoid(reward(text))}. */
    public double probabilityPositive(String text) {
        return sigmoid(reward(text));
    }

    /**
     * Returns the fraction of texts whose label the model predicts (positive when the reward is > 0).
     *
     * @throws IllegalArgumentException if {@code examples} is empty
     */
    public double accuracy(List<Review> examples) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("examples must not be empty; pass held-out labelled texts");
        }
        int correct = 0;
        for (Review example : examples) {
            if ((reward(example.text()) > 0) == example.positive()) {
                correct++;
            }
        }
        return (double) correct / examples.size();
    }

    /** Writes the model to {@code file} in a small binary format, atomically. */
    public void save(Path file) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(weights.length * Double.BYTES + 64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(FILE_MAGIC);
            out.writeInt(FILE_VERSION);
            out.writeInt(hashBits);
            out.writeDouble(bias);
            for (double weight : weights) {
                out.writeDouble(weight);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("failed to serialise the reward model in memory", e);
        }
        ResultFiles.writeAtomically(file, bytes.toByteArray());
    }

    /**
     * Loads a model written by {@link #save}.
     *
     * @throws IllegalArgumentException if the file is missing, truncated, has trailing bytes, or is not a reward
     *                                  model of this version
     */
    public static SentimentRewardModel load(Path file) {
        String fix = "train the reward model again and save it with SentimentRewardModel.save";
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("reward model file not found: " + file + "; " + fix, e);
        } catch (IOException e) {
            throw new UncheckedIOException("failed to read " + file, e);
        }

        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(content))) {
            int magic = in.readInt();
            int version = in.readInt();
            if (magic != FILE_MAGIC || version != FILE_VERSION) {
                throw new IllegalArgumentException(file + " is not a reward model file of version " + FILE_VERSION
                        + " (header " + Integer.toHexString(magic) + ", version " + version + "); " + fix);
            }
            int hashBits = in.readInt();
            if (hashBits < 10 || hashBits > 26) {
                throw new IllegalArgumentException(file + " declares hashBits " + hashBits
                        + ", outside [10, 26]; the file is corrupt: " + fix);
            }
            double bias = in.readDouble();
            double[] weights = new double[1 << hashBits];
            for (int i = 0; i < weights.length; i++) {
                weights[i] = in.readDouble();
            }
            if (in.available() > 0) {
                throw new IllegalArgumentException(file + " has " + in.available()
                        + " bytes after the weights; the file is corrupt: " + fix);
            }
            return new SentimentRewardModel(hashBits, weights, bias);
        } catch (EOFException e) {
            throw new IllegalArgumentException(file + " ends early (" + content.length + " bytes); the file is"
                    + " truncated: " + fix, e);
        } catch (IOException e) {
            throw new UncheckedIOException("failed to read " + file, e);
        }
    }

    /** Returns the sorted distinct buckets of the unigrams and bigrams of {@code text}. */
    int[] features(String text) {
        List<String> words = new ArrayList<>();
        Matcher matcher = WORD.matcher(text.toLowerCase(Locale.ROOT).replace('\u2019', '\''));
        while (matcher.find()) {
            words.add(matcher.group());
        }

        int[] buckets = new int[2 * words.size()];
        int count = 0;
        for (int i = 0; i < words.size(); i++) {
            buckets[count++] = bucket("u " + words.get(i));
            if (i + 1 < words.size()) {
                buckets[count++] = bucket("b " + words.get(i) + " " + words.get(i + 1));
            }
        }
        return Arrays.stream(buckets, 0, count).sorted().distinct().toArray();
    }

    private int bucket(String feature) {
        long hash = FNV_OFFSET;
        for (int i = 0; i < feature.length(); i++) {
            hash ^= feature.charAt(i);
            hash *= FNV_PRIME;
        }
        return (int) (hash >>> (64 - hashBits));
    }

    private double logOdds(int[] buckets, double value) {
        double sum = bias;
        for (int bucket : buckets) {
            sum += weights[bucket] * value;
        }
        return sum;
    }

    private static double featureValue(int[] buckets) {
        return buckets.length == 0 ? 0 : 1 / Math.sqrt(buckets.length);
    }

    private static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + StrictMath.exp(-x)) : StrictMath.exp(x) / (1 + StrictMath.exp(x));
    }
}
