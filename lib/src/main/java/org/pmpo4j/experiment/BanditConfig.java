package org.pmpo4j.experiment;

import org.pmpo4j.env.BenchmarkFunctions;

/**
 * Settings of one bandit run: a Gaussian policy searching for the minimum of a benchmark function.
 *
 * <p>The policy lives in normalised coordinates z ∈ R^D, mapped to the function's domain by x = c + h·z, where c is
 * the domain's centre and h its half-width, so one learning rate and one initial spread serve every function.
 *
 * @param function benchmark function name, see {@link BenchmarkFunctions#names()}
 * @param dimension search dimension D, at least 1
 * @param method the method and its settings
 * @param samples N, samples drawn from π_ref per iteration, at least 2
 * @param acceptCount k_a, best samples put in D_a, with k_a + k_r at most N; at least 1 when the method uses D_a
 * @param rejectCount k_r, worst samples put in D_r; at least 1 when the method uses D_r
 * @param iterations outer iterations, each with N function evaluations
 * @param gradientSteps Adam steps on the loss per iteration, at least 1
 * @param learningRate Adam learning rate, in (0, 1]
 * @param initialStd initial standard deviation in normalised coordinates, in (0, 10]
 * @param seed seed of the run's random generator; the initial mean is drawn uniformly from the domain with it
 * @param freezeWhenUnstable when the loss stops being finite or the policy leaves its stable range, freeze the policy
 *     and record the rest of the run instead of failing; for sensitivity studies where breakdowns are results
 */
public record BanditConfig(
        String function,
        int dimension,
        Method method,
        int samples,
        int acceptCount,
        int rejectCount,
        int iterations,
        int gradientSteps,
        double learningRate,
        double initialStd,
        long seed,
        boolean freezeWhenUnstable) {

    /** A configuration that fails on instability, as every figure run should. */
    public BanditConfig(String function, int dimension, Method method, int samples, int acceptCount, int rejectCount,
            int iterations, int gradientSteps, double learningRate, double initialStd, long seed) {
        this(function, dimension, method, samples, acceptCount, rejectCount, iterations, gradientSteps, learningRate,
                initialStd, seed, false);
    }

    public BanditConfig {
        int minDimension = BenchmarkFunctions.byName(function).minDimension();
        if (method == null) {
            throw new IllegalArgumentException("method is missing; use Method.parse(\"pmpo-ar\") or one of "
                    + Method.NAMES);
        }
        requireAtLeast("dimension", dimension, minDimension, function + " is defined from dimension " + minDimension);
        requireAtLeast("samples N", samples, 2, "draw at least two samples per iteration");
        requireAtLeast("acceptCount k_a", acceptCount, 0, "use 0 for no accepted samples");
        requireAtLeast("rejectCount k_r", rejectCount, 0, "use 0 for no rejected samples");
        requireFeedbackFor(method, acceptCount, rejectCount);
        if (acceptCount + rejectCount > samples) {
            throw new IllegalArgumentException("acceptCount + rejectCount must be at most samples N = " + samples
                    + ", got " + acceptCount + " + " + rejectCount + "; lower k or raise N (k = N/2 splits every"
                    + " batch in two)");
        }
        requireAtLeast("iterations", iterations, 1, "run at least one iteration");
        requireAtLeast("gradientSteps", gradientSteps, 1, "take at least one step per iteration");
        if (!(learningRate > 0.0 && learningRate <= 1.0)) {
            throw new IllegalArgumentException("learningRate must be in (0, 1], got " + learningRate
                    + "; Adam rates between 1e-3 and 0.1 are typical");
        }
        if (!(initialStd > 0.0 && initialStd <= 10.0)) {
            throw new IllegalArgumentException("initialStd must be in (0, 10] (normalised units), got " + initialStd
                    + "; 0.3 spreads the first samples over about a third of the domain");
        }
    }

    /** Returns this configuration with instability frozen and recorded ({@code true}) or raised ({@code false}). */
    public BanditConfig withFreezeWhenUnstable(boolean freeze) {
        return new BanditConfig(function, dimension, method, samples, acceptCount, rejectCount, iterations,
                gradientSteps, learningRate, initialStd, seed, freeze);
    }

    /** Returns this configuration with another iteration count. */
    public BanditConfig withIterations(int newIterations) {
        return new BanditConfig(function, dimension, method, samples, acceptCount, rejectCount, newIterations,
                gradientSteps, learningRate, initialStd, seed, freezeWhenUnstable);
    }

    /** Returns this configuration with another method. */
    public BanditConfig withMethod(Method newMethod) {
        return new BanditConfig(function, dimension, newMethod, samples, acceptCount, rejectCount, iterations,
                gradientSteps, learningRate, initialStd, seed, freezeWhenUnstable);
    }

    /** Returns this configuration with another function. */
    public BanditConfig withFunction(String newFunction) {
        return new BanditConfig(newFunction, dimension, method, samples, acceptCount, rejectCount, iterations,
                gradientSteps, learningRate, initialStd, seed, freezeWhenUnstable);
    }

    /** Returns this configuration with another seed. */
    public BanditConfig withSeed(long newSeed) {
        return new BanditConfig(function, dimension, method, samples, acceptCount, rejectCount, iterations,
                gradientSteps, learningRate, initialStd, newSeed, freezeWhenUnstable);
    }

    /** Returns this configuration with other accept and reject counts. */
    public BanditConfig withFeedbackCounts(int newAcceptCount, int newRejectCount) {
        return new BanditConfig(function, dimension, method, samples, newAcceptCount, newRejectCount, iterations,
                gradientSteps, learningRate, initialStd, seed, freezeWhenUnstable);
    }

    private static void requireFeedbackFor(Method method, int acceptCount, int rejectCount) {
        boolean needsAccepted;
        boolean needsRejected;
        if (method instanceof Method.Pmpo pmpo) {
            needsAccepted = pmpo.alpha() > 0.0;
            needsRejected = pmpo.alpha() < 1.0;
        } else if (method instanceof Method.Dpo || method instanceof Method.Ipo) {
            needsAccepted = true;
            needsRejected = true;
        } else if (method instanceof Method.Kto) {
            if (acceptCount + rejectCount == 0) {
                throw new IllegalArgumentException("KTO needs at least one accepted or rejected sample, got"
                        + " acceptCount = rejectCount = 0; set either count to at least 1");
            }
            return;
        } else {
            return;
        }
        if (needsAccepted && acceptCount == 0) {
            throw new IllegalArgumentException(method.label() + " learns from accepted samples but acceptCount is 0;"
                    + " set acceptCount to at least 1" + (method instanceof Method.Pmpo ? " or use alpha = 0" : ""));
        }
        if (needsRejected && rejectCount == 0) {
            throw new IllegalArgumentException(method.label() + " learns from rejected samples but rejectCount is 0;"
                    + " set rejectCount to at least 1" + (method instanceof Method.Pmpo ? " or use alpha = 1" : ""));
        }
    }

    private static void requireAtLeast(String what, int value, int minimum, String fix) {
        if (value < minimum) {
            throw new IllegalArgumentException(what + " must be at least " + minimum + ", got " + value + "; " + fix);
        }
    }
}
